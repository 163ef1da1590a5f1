"""A decision page says first when it was taken; a meeting page leads to the meetings around it.

Both are checked on every decision and meeting of the demo record, as its data file lists them,
in both languages."""

import datetime
import re
from types import SimpleNamespace

import pytest
import yaml
from django.utils import translation

from plenaries.loading import DEMO_DATA
from plenaries.models import Decision, Meeting, PublicationStatus
from tests.test_views import text_of

pytestmark = pytest.mark.django_db

DEMO = yaml.safe_load(DEMO_DATA.read_text(encoding="utf-8"))
DECISIONS = [entry["slug"] for entry in DEMO["decisions"]]
MEETINGS = [entry["slug"] for entry in DEMO["meetings"]]
LANGUAGES = ["en", "fr"]


def page_in(client, record, language):
    with translation.override(language):
        return client.get(record.get_absolute_url()).content.decode()


def text(markup):
    return text_of(SimpleNamespace(content=markup.encode()))


def head(page):
    """The markup between the decision's title and its outcome."""
    return page.split("</h1>", 1)[1].split('<span class="outcome ', 1)[0]


def date_line(page):
    return text(head(page))


def expected_date_line(decision):
    """When and where `decision` was taken, in the active language, as its page should say."""
    meeting, decided = decision.meeting, decision.decided
    if meeting:
        when = meeting.dates or decided
        return f"{when}, {meeting}" if when else str(meeting)
    if decision.written_procedure:
        return f"{translation.gettext('Written procedure')}, {decided}" if decided else ""
    return str(decided)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", DECISIONS)
def test_a_decision_page_says_when_it_was_taken_before_anything_else(
    client, demo_record, slug, language
):
    decision = Decision.objects.published().with_published("meeting").get(slug=slug)
    page = page_in(client, decision, language)
    with translation.override(language):
        expected = expected_date_line(decision)
        meeting_url = decision.meeting.get_absolute_url() if decision.meeting else None
    assert expected  # every demo decision has a meeting or a date
    assert date_line(page) == expected
    if meeting_url:
        assert f'<a href="{meeting_url}">' in head(page)
    day = decision.meeting and (decision.meeting.starts_on or decision.meeting.ends_on)
    if day:
        assert f'<time datetime="{day:%Y-%m-%d}">' in head(page)
    elif decision.decided:
        assert f'<time datetime="{decision.decided.isoformat()}">' in head(page)


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("2024-car-export-restrictions-lifted", "12–15 November 2024, 2024 Dubai plenary"),
        ("2013-car-suspension", "Written procedure, May 2013"),
    ],
)
def test_the_date_line_reads_as_a_person_writes_it(client, demo_record, slug, expected):
    decision = Decision.objects.get(slug=slug)
    assert date_line(page_in(client, decision, "en")) == expected


def test_the_french_date_line_is_in_french(client, demo_record):
    decision = Decision.objects.get(slug="2013-car-suspension")
    assert date_line(page_in(client, decision, "fr")) == "Procédure écrite, mai 2013"


def test_a_draft_meeting_gives_no_date_and_no_link(client, demo_record):
    decision = Decision.objects.get(slug="2024-car-export-restrictions-lifted")
    Meeting.objects.filter(pk=decision.meeting_id).update(
        publication_status=PublicationStatus.DRAFT
    )
    page = page_in(client, decision, "en")
    assert 'class="decision-date"' not in page
    assert date_line(page) == ""
    assert decision.meeting.get_absolute_url() not in page


def test_a_draft_meeting_leaves_the_decisions_own_date(client, demo_record):
    decision = Decision.objects.get(slug="2024-car-export-restrictions-lifted")
    Decision.objects.filter(pk=decision.pk).update(
        decided_on=datetime.date(2024, 11, 15), decided_on_precision="day"
    )
    Meeting.objects.filter(pk=decision.meeting_id).update(
        publication_status=PublicationStatus.DRAFT
    )
    page = page_in(client, decision, "en")
    assert date_line(page) == "15 November 2024"
    assert '<time datetime="2024-11-15">' in page
    assert decision.meeting.get_absolute_url() not in page


def in_order(meetings):
    """Meetings by date as the meetings list orders them, worked out here in Python: by year,
    then first day, then last day, a date no source gives coming last."""
    last = datetime.date.max
    return sorted(meetings, key=lambda m: (m.year, m.starts_on or last, m.ends_on or last, m.pk))


def neighbour_links(page):
    """{"prev": href, "next": href} of the meeting page's neighbours navigation."""
    nav = re.search(r'<nav class="neighbours" aria-label="[^"]+">(.*?)</nav>', page, re.S)
    if nav is None:
        return {}
    return dict(re.findall(r'<a rel="(prev|next)" href="([^"]+)">', nav.group(1)))


def expected_links(meeting, published, language):
    here = published.index(meeting)
    with translation.override(language):
        expected = {}
        if here > 0:
            expected["prev"] = published[here - 1].get_absolute_url()
        if here + 1 < len(published):
            expected["next"] = published[here + 1].get_absolute_url()
    return expected


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", MEETINGS)
def test_a_meeting_page_links_the_meetings_before_and_after_it(client, demo_record, slug, language):
    published = in_order(Meeting.objects.published())
    meeting = next(m for m in published if m.slug == slug)
    page = page_in(client, meeting, language)
    assert neighbour_links(page) == expected_links(meeting, published, language)
    read = text(page)
    here = published.index(meeting)
    with translation.override(language):
        for rel, step, label in (("prev", -1, "Previous meeting"), ("next", 1, "Next meeting")):
            if rel in neighbour_links(page):
                other = published[here + step]
                assert translation.gettext(label) in read
                assert f"{other} {other.dates}".strip() in read


@pytest.mark.parametrize("slug", MEETINGS)
def test_a_draft_meeting_is_skipped_by_its_neighbours(client, demo_record, slug):
    everyone = in_order(Meeting.objects.all())
    draft = next(m for m in everyone if m.slug == slug)
    Meeting.objects.filter(pk=draft.pk).update(publication_status=PublicationStatus.DRAFT)
    published = [m for m in everyone if m != draft]
    here = everyone.index(draft)
    around = everyone[max(here - 1, 0) : here] + everyone[here + 1 : here + 2]
    assert around
    for meeting in around:
        page = page_in(client, meeting, "en")
        assert draft.get_absolute_url() not in page
        assert neighbour_links(page) == expected_links(meeting, published, "en")


def test_the_first_meeting_has_no_previous_and_the_last_no_next(client, demo_record):
    published = in_order(Meeting.objects.published())
    assert "prev" not in neighbour_links(page_in(client, published[0], "en"))
    assert "next" not in neighbour_links(page_in(client, published[-1], "en"))
    # As in the meetings list, 2024's two undated meetings come after its dated plenary.
    assert (published[0].slug, published[-1].slug) == (
        "2011-kinshasa",
        "2024-dubai-special-session",
    )
