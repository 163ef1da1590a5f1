"""Searching the record.

On PostgreSQL: full-text search over a stored, weighted `search_vector` kept by triggers
(migrations 0006 and 0011), queried with websearch syntax ("quoted phrases", or, -exclusion),
ranked by SearchRank with recency as tie-break, with highlighted snippets from SearchHeadline and
"did you mean" suggestions from a pg_trgm index over the record's own words.

On SQLite (the zero-set-up default of `make run`): a simple, correct fallback. Every term must
appear, case folded, in the record's text or the names of what it concerns; a term written
-like-this must not. No ranking, snippets or suggestions.
"""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import F, Q, TextField, Value
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

PUBLISHED = "published"  # PublicationStatus.PUBLISHED: the models import this module, not it them
CONFIG = "kp_english"  # English stemming, accents ignored (migration 0006)
MAX_QUERY_LENGTH = 500
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


def full_text_available():
    return connection.vendor == "postgresql"


def clean_query(text):
    """The query as search uses it: no NUL bytes, white space folded, at most 500 characters."""
    return " ".join((text or "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]


def fallback_terms(text):
    """The words of a query for the SQLite fallback: (required, excluded), operators dropped."""
    required, excluded = [], []
    for token in re.findall(r'-?[^\s"()&|!:*\'\\]+', text):
        if token.lower() == "or":
            continue
        if token.startswith("-") and len(token) > 1:
            excluded.append(token[1:])
        elif token.strip("-"):
            required.append(token.strip("-"))
    return required, excluded


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
    """Records whose own text, or the names of what they concern, contain `term`: the names of
    published records only, as the PostgreSQL search vectors hold them."""
    matching = Q()
    for field in queryset.fallback_fields:
        condition = Q(**{f"{field}__icontains": term})
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


def snippets(records, text):
    """{pk: highlighted snippet} for a page of records: one query, for that page only."""
    text = clean_query(text)
    records = list(records)
    if not text or not records:
        return {}
    page = type(records[0]).objects.filter(pk__in=[record.pk for record in records])
    fields = page.snippet_fields
    if not full_text_available():
        return {record.pk: _fallback_snippet(record, fields[0], text) for record in records}
    spaced = [part for name in fields for part in (F(name), Value(" "))]
    body = Concat(*spaced, output_field=TextField())
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    rows = page.annotate(
        snippet=SearchHeadline(
            body,
            query,
            config=CONFIG,
            start_sel=START,
            stop_sel=STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    )
    return {row.pk: highlight(row.snippet) for row in rows.only("pk") if row.snippet.strip()}


def _fallback_snippet(record, field, text):
    excerpt = getattr(record, field)[:300]
    required, _ = fallback_terms(text)
    for term in required:
        excerpt = re.sub(f"({re.escape(term)})", f"{START}\\1{STOP}", excerpt, flags=re.IGNORECASE)
    return highlight(excerpt)


def suggestion(text):
    """A corrected query when a word of `text` is not in the record but a close one is."""
    from .models import SearchWord  # the models' querysets use this module

    text = clean_query(text)
    if not text or not full_text_available():
        return None
    corrected, changed = text, False
    for word in list(dict.fromkeys(WORD.findall(text)))[:MAX_SUGGESTED_WORDS]:
        lower = word.lower()
        if SearchWord.objects.filter(word=lower).exists():
            continue
        best = (
            SearchWord.objects.annotate(similarity=TrigramSimilarity("word", lower))
            .filter(word__trigram_similar=lower, similarity__gt=SUGGESTION_SIMILARITY)
            .order_by("-similarity", "-documents")
            .values_list("word", flat=True)
            .first()
        )
        if best:
            replacement = best.capitalize() if word[0].isupper() else best
            corrected = re.sub(rf"\b{re.escape(word)}\b", replacement, corrected)
            changed = True
    return corrected if changed else None


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
  SELECT to_tsvector('kp_simple', concat_ws(' ', name, short_name))
    FROM plenaries_participant WHERE publication_status = 'published'
  UNION ALL
  SELECT to_tsvector('kp_simple', n.name) FROM plenaries_participantname n
    JOIN plenaries_participant p ON p.id = n.participant_id
    WHERE p.publication_status = 'published'
$words$)
WHERE length(word) BETWEEN 3 AND 100 AND word ~ '^[[:alpha:]]+$';
"""


def refresh_search_words():
    """Rebuild the word list "did you mean" draws on, from the published record."""
    if full_text_available():
        with connection.cursor() as cursor:
            cursor.execute(REFRESH_WORDS)
