"""Snippets: where a search's words are found in a record, cut and marked.

On PostgreSQL, ts_headline cuts a page of decisions' or statements' snippets in one query
(snippets()). Meetings, participants and the SQLite fallback cut theirs here, in Python, accents
and case ignored as the search ignores them (snippet_of()).

Snippets are escaped before their <mark> tags go in (highlight()): source text never runs.
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .search import CONFIG, clean_query, country_names, every_term, fold, full_text_available

# Markers ts_headline puts around matches: private-use characters no record contains. The text
# around them is escaped before they become <mark> tags (see highlight()).
START, STOP = "\ue000", "\ue001"
SNIPPET_WIDTH = 200  # characters of a snippet cut here (meetings, participants, the fallback)


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
