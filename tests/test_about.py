"""The About page: its figures are the published record's, counted independently here; drafts
are left out; the line on reporting errors follows KP_ERRORS_TO and never invents an address."""

import pytest
from django.urls import reverse
from django.utils import translation

from plenaries.models import (
    Chairmanship,
    Decision,
    Meeting,
    Participant,
    Position,
    PublicationStatus,
    Source,
    Statement,
    StatusPeriod,
    WorkingBody,
)
from tests.factories import make_decision, make_source
from tests.test_views import text_of

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.PUBLISHED
ABOUT = "/about/"


def cited_sources():
    """The sources some public page cites, read record by record rather than as the page does."""
    cited = set()
    for model in (Meeting, Decision, Statement, Participant, Chairmanship):
        for record in model.objects.filter(publication_status=PUBLISHED):
            cited |= set(record.sources.all())
            if model is Meeting:
                cited |= set(record.communique_sources.all())
    for position in Position.objects.published():
        cited |= set(position.sources.all())
    for period in StatusPeriod.objects.filter(participant__publication_status=PUBLISHED):
        cited |= set(period.sources.all())
    for body in WorkingBody.objects.all():
        cited |= set(body.sources.all())
    return cited


def test_the_about_page_is_named_and_linked_from_every_pages_footer(client, demo_record):
    with translation.override("en"):
        assert reverse("plenaries:about") == ABOUT
    home = client.get("/").content.decode()
    footer = home[home.index('<footer class="site-footer">') :]
    assert f'<a href="{ABOUT}">About the record</a>' in footer


def test_the_figures_match_the_published_record(client, demo_record):
    response = client.get(ABOUT)
    context, text = response.context, text_of(response)
    meetings = Meeting.objects.filter(publication_status=PUBLISHED)
    meeting_years = set(meetings.values_list("year", flat=True))
    chair_years = set(
        Chairmanship.objects.filter(publication_status=PUBLISHED).values_list("year", flat=True)
    )
    first, last = min(meeting_years | chair_years), max(meeting_years | chair_years)
    missing = [year for year in range(first, last + 1) if year not in meeting_years]
    assert missing, "the demo record has gaps: the test should see some"

    coverage = context["coverage"]
    assert (coverage["first_year"], coverage["last_year"]) == (first, last)
    assert f"The record covers the years {first} to {last}" in text
    assert coverage["years_without_meetings"] == missing
    gaps = text[text.index("Years with no recorded meeting") :]
    assert all(str(year) in gaps for year in missing)

    assert len(coverage["meetings"]) == meetings.count()
    counts = context["counts"]
    assert counts["decisions"] == Decision.objects.filter(publication_status=PUBLISHED).count()
    assert counts["statements"] == Statement.objects.filter(publication_status=PUBLISHED).count()
    participants = Participant.objects.filter(publication_status=PUBLISHED)
    assert counts["participants"] == participants.filter(role="participant").count()
    assert counts["observers"] == participants.filter(role="observer").count()
    for label, count in (
        ("Meetings", meetings.count()),
        ("Decisions", counts["decisions"]),
        ("Statements", counts["statements"]),
        ("Participants", counts["participants"]),
    ):
        assert f"{label} {count}" in text

    without = [
        meeting
        for meeting in meetings
        if not meeting.decisions.filter(publication_status=PUBLISHED).exists()
    ]
    assert {m.pk for m in coverage["meetings_without_decisions"]} == {m.pk for m in without}
    listed = text[text.index("Meetings with no recorded decision") :]
    assert all(f"{meeting.year}, {meeting.get_kind_display()}" in listed for meeting in without)


def test_the_sources_are_counted_by_kind_with_the_unknown_apart(client, demo_record):
    context = client.get(ABOUT).context
    cited = cited_sources()
    assert context["sources"]["total"] == len(cited) > 0
    by_kind = {row["kind"]: row["count"] for row in context["sources"]["by_kind"]}
    assert list(by_kind) == [*Source.Kind.values, ""]
    for kind, count in by_kind.items():
        assert count == sum(1 for source in cited if source.kind == kind), kind
    kp_publishers = context["sources"]["by_kind"][0]["publishers"]
    assert kp_publishers[0][0] == "Kimberley Process"


def test_drafts_are_not_counted(client, demo_record):
    before = client.get(ABOUT).context
    decision = Decision.objects.filter(publication_status=PUBLISHED).first()
    decision.unpublish()
    only_in_a_draft = make_source(title="Cited by a draft", kind=Source.Kind.NEWS)
    make_decision(sources=[only_in_a_draft])
    year = max(Meeting.objects.values_list("year", flat=True)) + 5
    Meeting.objects.create(year=year, city="Draftville", slug=f"{year}-draftville")
    after = client.get(ABOUT).context
    assert after["counts"]["decisions"] == before["counts"]["decisions"] - 1
    assert len(after["coverage"]["meetings"]) == len(before["coverage"]["meetings"])
    assert after["coverage"]["last_year"] == before["coverage"]["last_year"]
    assert after["sources"]["total"] == len(cited_sources())
    assert not Source.objects.cited().filter(pk=only_in_a_draft.pk).exists()
    news = next(row["count"] for row in after["sources"]["by_kind"] if row["kind"] == "news")
    assert news == sum(1 for source in cited_sources() if source.kind == Source.Kind.NEWS)


def test_without_kp_errors_to_the_page_names_no_address(client, demo_record, settings):
    settings.KP_ERRORS_TO = ""
    response = client.get(ABOUT)
    assert "Write to the site's editors" in text_of(response)
    assert "mailto:" not in response.content.decode()
    assert 'class="errors-to"' not in response.content.decode()


@pytest.mark.parametrize(
    ("value", "href"),
    [
        ("corrections@kp-tracker.example", "mailto:corrections@kp-tracker.example"),
        ("https://kp-tracker.example/report", "https://kp-tracker.example/report"),
    ],
)
def test_kp_errors_to_is_linked(client, demo_record, settings, value, href):
    settings.KP_ERRORS_TO = value
    page = client.get(ABOUT).content.decode()
    assert f'<a href="{href}" class="errors-to">{value}</a>' in page
    assert "the site's editors" not in page


def test_a_kp_errors_to_that_is_neither_an_address_nor_a_url_is_not_linked(
    client, demo_record, settings
):
    settings.KP_ERRORS_TO = "javascript:alert(1)"
    page = client.get(ABOUT).content.decode()
    assert "javascript:" not in page
    assert "the site&#x27;s editors" in page or "the site's editors" in page


def test_the_page_is_in_french_too(client, demo_record, settings):
    settings.KP_ERRORS_TO = ""
    with translation.override("fr"):  # and back to English after the French request
        text = text_of(client.get(f"/fr{ABOUT}"))
    assert "À propos du registre" in text
    assert "Années sans réunion enregistrée" in text
    assert "Écrivez aux éditeurs du site" in text
