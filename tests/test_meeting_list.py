"""The meetings list shows every year from the first meeting to the last, gaps included."""

import re

import pytest

from plenaries.models import Meeting, PublicationStatus
from tests.test_views import text_of

pytestmark = pytest.mark.django_db

GAP = {
    "en": "The record holds no meeting for this year.",
    "fr": "Le registre ne contient aucune réunion pour cette année.",
}
YEAR = re.compile(r'<section class="year" aria-labelledby="year-(\d+)">(.*?)</section>', re.S)


def listed_years(response, language):
    """[(year, "gap" or the number of meetings listed)] in the page's order."""
    return [
        (int(year), "gap" if GAP[language] in body else body.count("<li>"))
        for year, body in YEAR.findall(response.content.decode())
    ]


def meeting_years():
    return set(Meeting.objects.published().values_list("year", flat=True))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_year_from_the_first_meeting_to_the_last_appears_once_in_order(
    client, demo_record, language
):
    response = client.get("/meetings/" if language == "en" else "/fr/meetings/")
    listed = listed_years(response, language)
    years = meeting_years()
    assert [year for year, _ in listed] == list(range(max(years), min(years) - 1, -1))
    gaps = {year for year, shown in listed if shown == "gap"}
    assert gaps == {2014, 2020}
    assert all(shown > 0 for year, shown in listed if year not in gaps)


def test_a_gap_year_keeps_its_chair_and_says_the_record_has_no_meeting(client, demo_record):
    page = text_of(client.get("/meetings/"))
    assert f"2014 Chair: China · Vice chair: Angola {GAP['en']} 2013" in page


def test_a_draft_meetings_year_shows_as_a_gap(client, demo_record):
    Meeting.objects.filter(year=2015).update(publication_status=PublicationStatus.DRAFT)
    Meeting.objects.filter(year=2024).update(publication_status=PublicationStatus.DRAFT)
    listed = dict(listed_years(client.get("/meetings/"), "en"))
    assert listed[2015] == "gap"
    assert max(listed) == 2023  # no gap after the last published meeting
    assert "/meetings/2015-luanda/" not in client.get("/meetings/").content.decode()
