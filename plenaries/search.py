"""Searching the record.

On PostgreSQL: full-text search over a stored, weighted `search_vector` kept by triggers
(migrations 0006, 0011 and 0018), queried with websearch syntax ("quoted phrases", or,
-exclusion), ranked by SearchRank with recency as tie-break, and "did you mean" suggestions from a
pg_trgm index over the record's own words (its places and French names too).

Meetings and participants are few and short: on both databases they match every term, accents
and case ignored (the `folded` lookup), in their names, other and French names, place, host
country and year; an exact name comes first.

On SQLite (the zero-set-up default of `make run`): a simple, correct fallback. Every term must
appear, accents and case ignored, in the record's text or the names of what it concerns; a term
written -like-this must not. No ranking or suggestions.

What each result shows of where it matched is plenaries.snippets'.
"""

import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import CharField, F, Q, TextField, Transform
from django.db.models.constants import LOOKUP_SEP
from django.utils import translation
from django_countries import countries

PUBLISHED = "published"  # PublicationStatus.PUBLISHED: the models import this module, not it them
CONFIG = "kp_english"  # English stemming, accents ignored (migration 0006)
MAX_QUERY_LENGTH = 500
# The words a search on the SQLite fallback reads: 250 one-letter words took seconds.
MAX_FALLBACK_TERMS = 10
# Results are counted, and ranked, up to this many: past it a page says "more than 1,000",
# shows no counts beside its filters and ranks only the newest 1,000 matches. Counting or ranking
# every match of a word found in most of the record reads most of the table (see
# docs/performance.md); Elasticsearch stops counting at 10,000 for the same reason.
MAX_COUNTED = 1000
SUGGESTION_SIMILARITY = 0.3
MAX_SUGGESTED_WORDS = 5  # so that a long query costs no more queries than a short one
WORD = re.compile(r"[^\W\d_]{3,}")
# What may trail a word of a query without being part of it: "centrafricaine," is the word.
TRAILING = ",;.…"


def fold(text):
    """`text` lower-cased and without accents, so that "Dubaï" and "dubai" are one word."""
    if text.isascii():  # Most of the record, which SQLite's search folds row by row.
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


class Folded(Transform):
    """`field__folded`: the column folded as fold() folds a term: lower(unaccent(…)) on
    PostgreSQL, on SQLite the Python function register_fold() gives each connection. Compare it
    with a folded term: `name__folded__contains=fold(word)`."""

    lookup_name = "folded"
    function = "kp_fold"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        template = "lower(unaccent(%(expressions)s::text))"
        return self.as_sql(compiler, connection, template=template, **extra)


CharField.register_lookup(Folded)
TextField.register_lookup(Folded)


def _fold_or_none(text):
    return None if text is None else fold(text)


def register_fold(sender, connection, **kwargs):
    """Give each new SQLite connection kp_fold(), which the `folded` lookup calls there
    (connected to connection_created in plenaries.apps)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("kp_fold", 1, _fold_or_none, deterministic=True)


def full_text_available():
    return connection.vendor == "postgresql"


def clean_query(text):
    """The query as search uses it: no NUL bytes, white space folded, at most 500 characters."""
    return " ".join((text or "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]


def every_term(text):
    """The distinct words of a query: (required, excluded), operators dropped."""
    required, excluded = [], []
    for token in re.findall(r'-?[^\s"()&|!:*\'\\]+', text):
        token = token.rstrip(TRAILING)
        if token.lower() == "or" or not token:
            continue
        if token.startswith("-") and len(token) > 1:
            excluded.append(token[1:])
        elif token.strip("-"):
            required.append(token.strip("-"))
    return list(dict.fromkeys(required)), list(dict.fromkeys(excluded))


def fallback_terms(text):
    """The words of a query the SQLite fallback looks for, required ones first: at most
    MAX_FALLBACK_TERMS, as each costs a scan of every searched column."""
    required, excluded = every_term(text)
    required = required[:MAX_FALLBACK_TERMS]
    return required, excluded[: MAX_FALLBACK_TERMS - len(required)]


def dropped_terms(text):
    """How many words of `text` the search leaves out: only the SQLite fallback leaves any."""
    if full_text_available():
        return 0
    required, excluded = every_term(clean_query(text))
    return max(len(required) + len(excluded) - MAX_FALLBACK_TERMS, 0)


def search(queryset, text):
    """`queryset` narrowed to the records matching `text`, annotated with `rank` when ranked.

    Called as `queryset.search(text)` (plenaries.models.base.SearchableQuerySet), whose
    `fallback_fields` name what the SQLite fallback reads."""
    text = clean_query(text)
    if not text:
        return queryset
    if full_text_available():
        query = SearchQuery(text, search_type="websearch", config=CONFIG)
        return queryset.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query)
        )
    required, excluded = fallback_terms(text)
    if not required and not excluded:
        return queryset.none()
    for term in required:
        queryset = queryset.filter(pk__in=_fallback_match(queryset, term))
    for term in excluded:
        queryset = queryset.exclude(pk__in=_fallback_match(queryset, term))
    return queryset


def _fallback_match(queryset, term):
    """Records whose own text, or the names of what they concern, contain `term`, accents and
    case ignored: the names of published records only, as the PostgreSQL search vectors hold
    them."""
    matching = Q()
    for field in queryset.fallback_fields:
        condition = Q(**{f"{field}__folded__contains": fold(term)})
        model, path = queryset.model, []
        for name in field.split(LOOKUP_SEP)[:-1]:  # each related record on the way
            path.append(name)
            model = model._meta.get_field(name).related_model
            if hasattr(model, "publication_status"):
                published = f"{LOOKUP_SEP.join(path)}__publication_status"
                condition &= Q(**{published: PUBLISHED})
        matching |= condition
    return queryset.model.objects.filter(matching).values("pk")


def matching_pks(queryset, limit=MAX_COUNTED):
    """The pks of `queryset`, read no further than `limit` + 1: that many means "more than"."""
    return list(queryset.order_by().values_list("pk", flat=True)[: limit + 1])


def ranked(matches):
    """The pks of `matches` by relevance, and how many matches were counted (up to MAX_COUNTED + 1).

    One query reads the newest MAX_COUNTED + 1 matches with their rank: their number is the
    count, and the first MAX_COUNTED, by rank, are the results. A search that matches more ranks
    only its newest 1,000 matches, and its page says so."""
    candidates = list(matches.newest_first().values_list("pk", "rank")[: MAX_COUNTED + 1])
    # sorted() is stable: among equal ranks the newest stays first.
    window = sorted(candidates[:MAX_COUNTED], key=lambda candidate: -candidate[1])
    return [pk for pk, _ in window], len(candidates)


def suggestion(text):
    """A corrected query when a word of `text`, accents and case ignored, is not in the record
    but a close one is. Whether it is worth offering (it finds more) is the caller's to say."""
    from .models import SearchWord  # the models' querysets use this module

    text = clean_query(text)
    if not text or not full_text_available():
        return None
    corrected, changed = text, False
    for word in list(dict.fromkeys(WORD.findall(text)))[:MAX_SUGGESTED_WORDS]:
        folded = fold(word)
        if SearchWord.objects.filter(word=folded).exists():
            continue
        best = (
            SearchWord.objects.annotate(similarity=TrigramSimilarity("word", folded))
            .filter(word__trigram_similar=folded, similarity__gt=SUGGESTION_SIMILARITY)
            .order_by("-similarity", "-documents")
            .values_list("word", flat=True)
            .first()
        )
        if best:
            replacement = best.capitalize() if word[0].isupper() else best
            corrected = re.sub(rf"\b{re.escape(word)}\b", replacement, corrected)
            changed = True
    return corrected if changed else None


# The record's words, as kp_simple reads them (accents and case folded): what decisions,
# statements, meetings and participants say and are called, in English and French.
REFRESH_WORDS = """
DELETE FROM plenaries_searchword;
INSERT INTO plenaries_searchword (word, documents)
SELECT word, ndoc FROM ts_stat($words$
  SELECT to_tsvector('kp_simple', concat_ws(' ', title, identifier, summary, conditions, text))
    FROM plenaries_decision WHERE publication_status = 'published'
  UNION ALL
  SELECT to_tsvector('kp_simple', concat_ws(' ', title, speaker, body))
    FROM plenaries_statement WHERE publication_status = 'published'
  UNION ALL
  SELECT to_tsvector('kp_simple', concat_ws(' ', city, summary))
    FROM plenaries_meeting WHERE publication_status = 'published'
  UNION ALL
  SELECT to_tsvector('kp_simple', concat_ws(' ', name, short_name, name_fr))
    FROM plenaries_participant WHERE publication_status = 'published'
  UNION ALL
  SELECT to_tsvector('kp_simple', n.name) FROM plenaries_participantname n
    JOIN plenaries_participant p ON p.id = n.participant_id
    WHERE p.publication_status = 'published'
$words$)
WHERE length(word) BETWEEN 3 AND 100 AND word ~ '^[[:alpha:]]+$';
"""


def refresh_search_words():
    """Rebuild the word list "did you mean" draws on, from the published record: with the names
    of the meetings' host countries in both languages, which the database holds only as codes."""
    from .models import Meeting, SearchWord

    if not full_text_available():
        return
    with connection.cursor() as cursor:
        cursor.execute(REFRESH_WORDS)
    codes = Meeting.objects.published().exclude(country="").values_list("country", flat=True)
    words = {
        fold(word)
        for code in set(codes)
        for name in country_names(code)
        for word in WORD.findall(name)
    }
    SearchWord.objects.bulk_create(
        [SearchWord(word=word, documents=1) for word in words if len(word) <= 100],
        ignore_conflicts=True,
    )


def country_names(code):
    """A country's names in the languages of the site, English first."""
    names = []
    for language, _ in settings.LANGUAGES:
        with translation.override(language):
            names.append(str(countries.name(code)))
    return list(dict.fromkeys(names))
