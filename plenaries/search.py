"""Searching the record.

On PostgreSQL: full-text search over a stored, weighted `search_vector` kept by triggers
(migrations 0006, 0011 and 0018), queried with websearch syntax ("quoted phrases", or,
-exclusion), ranked by SearchRank with recency as tie-break, with highlighted snippets from
SearchHeadline over the record's text and the names of what it concerns, and "did you mean"
suggestions from a pg_trgm index over the record's own words (its places and French names too).

Meetings and participants are few and short: on both databases they match every term, accents
and case ignored (the `folded` lookup), in their names, other and French names, place, host
country and year; an exact name comes first. Their snippets are cut and marked here, in Python,
with the same folding.

On SQLite (the zero-set-up default of `make run`): a simple, correct fallback. Every term must
appear, accents and case ignored, in the record's text or the names of what it concerns; a term
written -like-this must not. No ranking or suggestions; snippets are cut around the first match.

Snippets are escaped before their <mark> tags go in (highlight()): source text never runs.
"""

import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import CharField, F, Func, Q, TextField, Transform, Value
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import Concat
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django_countries import countries

PUBLISHED = "published"  # PublicationStatus.PUBLISHED: the models import this module, not it them
CONFIG = "kp_english"  # English stemming, accents ignored (migration 0006)
MAX_QUERY_LENGTH = 500
# The words a search on the SQLite fallback reads: 250 one-letter words took seconds.
MAX_FALLBACK_TERMS = 10
# Markers ts_headline puts around matches: private-use characters no record contains. The text
# around them is escaped before they become <mark> tags (see highlight()).
START, STOP = "\ue000", "\ue001"
# Results are counted, and ranked, up to this many: past it a page says "more than 1,000",
# shows no counts beside its filters and ranks only the newest 1,000 matches. Counting or ranking
# every match of a word found in most of the record reads most of the table (see
# docs/performance.md); Elasticsearch stops counting at 10,000 for the same reason.
MAX_COUNTED = 1000
SUGGESTION_SIMILARITY = 0.3
MAX_SUGGESTED_WORDS = 5  # so that a long query costs no more queries than a short one
WORD = re.compile(r"[^\W\d_]{3,}")
SNIPPET_WIDTH = 200  # characters of a snippet cut here (meetings, participants, the fallback)
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


def highlight(text):
    """Escape `text`, then turn the match markers into <mark> tags: source text never runs."""
    escaped = str(escape(text))
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def terms_of(text):
    """The words a snippet marks: those the query asks for, not those it leaves out."""
    required, _ = every_term(clean_query(text))
    return [folded for folded in dict.fromkeys(fold(term) for term in required) if folded]


def match_spans(text, terms):
    """(start, end) of each occurrence of a folded term in `text`, accents and case ignored as
    the search ignores them, merged where they overlap, in order."""
    folded, origin = [], []
    for index, char in enumerate(text):
        for piece in fold(char):
            folded.append(piece)
            origin.append(index)
    folded = "".join(folded)
    spans = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            spans.append((origin[start], origin[start + len(term) - 1] + 1))
            start = folded.find(term, start + len(term))
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def excerpt(text, terms, width=SNIPPET_WIDTH):
    """`text` around its first match, cut at spaces, with the match markers around each match:
    its start when nothing matches."""
    spans = match_spans(text, terms)
    begin, end = 0, len(text)
    if len(text) > width:
        if spans and spans[0][1] > width * 2 // 3:
            begin = text.find(" ", spans[0][0] - width // 3) + 1
        end = begin + width
        end = text.rfind(" ", begin, end) if " " in text[begin:end] else end
    marked, last = [], begin
    for start, stop in match_spans(text[begin:end], terms):
        marked += [text[last : begin + start], START, text[begin + start : begin + stop], STOP]
        last = begin + stop
    marked.append(text[last:end])
    return "".join(["…" if begin else "", *marked, "…" if end < len(text) else ""])


def snippet_of(parts, text, most=2):
    """A highlighted snippet from `parts`, the texts a record is found by, most telling first:
    the first `most` parts that hold a term of `text`, else the first part. Meetings,
    participants and the SQLite fallback cut theirs here; PostgreSQL's come from snippets()."""
    terms = terms_of(text)
    parts = [" ".join(str(part).split()) for part in dict.fromkeys(parts) if part]
    chosen = [part for part in parts if match_spans(part, terms)][:most] or parts[:1]
    return highlight(" · ".join(excerpt(part, terms) for part in chosen))


def snippets(records, text):
    """{pk: highlighted snippet} for a page of records: one query, for that page only.

    The snippet comes from the record's own text; a record whose text does not hold the words
    (found by the names of what it concerns, `snippet_related`, or by its title) shows instead
    the names it was found by. Both are cut in the same query, and the telling one kept."""
    text = clean_query(text)
    records = list(records)
    if not text or not records:
        return {}
    page = type(records[0]).objects.filter(pk__in=[record.pk for record in records])
    if not full_text_available():
        return _fallback_snippets(page, text)
    related = [Func(F(field), function=function) for function, field in page.snippet_related]
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    rows = page.annotate(
        own=headline(map(F, page.snippet_fields), query, fragments=2),
        # The title last: the page shows it already, but a record found by it alone shows why.
        named=headline([*related, F("title")], query, fragments=1, between=" · "),
    ).only("pk")
    found = {}
    for row in rows:
        telling = next((cut for cut in (row.own, row.named) if START in cut), row.own)
        if telling.strip():
            found[row.pk] = highlight(telling)
    return found


def headline(parts, query, fragments, between=" "):
    """ts_headline over `parts` joined by `between`: the words of `query` marked, in context."""
    joined = [piece for part in parts for piece in (part, Value(between))][:-1]
    return SearchHeadline(
        Concat(*joined, output_field=TextField()) if len(joined) > 1 else joined[0],
        query,
        config=CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=35,
        min_words=15,
        max_fragments=fragments,
        fragment_delimiter=" … ",
    )


def _fallback_snippets(page, text):
    """The SQLite fallback's snippets: the record's own text, then the names of what it
    concerns, read in one query (a row for each combination of related names)."""
    fields = (*page.snippet_fields, *page.fallback_fields)
    texts = {}
    for pk, *values in page.values_list("pk", *dict.fromkeys(fields)):
        texts.setdefault(pk, []).extend(values)
    return {pk: snippet_of(parts, text) for pk, parts in texts.items()}


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


def participant_snippet(participant, text):
    """The names a participant was found by, highlighted: its other names prefetched."""
    names = (participant.name, participant.name_fr, participant.short_name)
    others = (other.name for other in participant.other_names.all())
    return snippet_of((*names, *others), text)


def meeting_snippet(meeting, text):
    """What a meeting was found by, highlighted: its place and year, its host country in the
    other language, its host's names (prefetched through published()), kind or summary."""
    code = meeting.country.code if meeting.country else None
    place = ", ".join(part for part in (meeting.place, str(meeting.year)) if part)
    host = meeting.host
    hosts = ()
    if host is not None:
        others = (other.name for other in host.other_names.all())
        hosts = (host.name, host.name_fr, host.short_name, *others)
    # The host country's name in the other language, where the place does not say it already.
    named = [name for name in country_names(code) if name not in place] if code else []
    parts = (place, *named, *hosts, meeting.get_kind_display(), meeting.summary)
    return snippet_of(parts, text)
