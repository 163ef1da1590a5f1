"""Slugs in the record's convention, year first, made on the server when an editor or an imported
row leaves one empty (plenaries.slugs). The browser's pre-fill is in tests/browser/test_slugs.py.
"""

import datetime

import pytest
from django.urls import reverse

from plenaries.dates import Precision
from plenaries.models import Decision, Meeting, Statement
from plenaries.slugs import CONVENTIONS, conventional_slug
from tests.admin_forms import change_form_data, change_url
from tests.factories import make_decision, make_meeting, make_participant, make_statement
from tests.test_import import csv_file, import_file

pytestmark = pytest.mark.django_db

by_name = {"ids": lambda model: model._meta.model_name}


def add_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")


def add(client, model, **fields):
    """Save a new `model` through its admin add form with `fields` typed in; return it."""
    # As a browser sends it: nothing for a field left empty (an empty select of several included).
    data = {
        key: value
        for key, value in change_form_data(client.get(add_url(model))).items()
        if value != ""
    }
    data.update({name: str(value) for name, value in fields.items()})
    existing = set(model.objects.values_list("pk", flat=True))
    response = client.post(add_url(model), data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    return model.objects.exclude(pk__in=existing).get()


@pytest.mark.parametrize("model", CONVENTIONS, **by_name)
def test_the_admin_says_the_convention_and_lets_the_slug_be_left_empty(admin_client, model):
    slug = admin_client.get(add_url(model)).context["adminform"].form.fields["slug"]
    convention = CONVENTIONS[model]
    assert not slug.required
    assert slug.help_text == convention.help_text
    assert "Left empty, it is made so when saved." in str(slug.help_text)
    # What static/admin/plenaries/slug.js pre-fills it from.
    assert slug.widget.attrs["data-slug-year"] == " ".join(convention.year_from)
    assert slug.widget.attrs["data-slug-words"] == convention.words_from


class TestTheAdmin:
    def test_a_decision_takes_its_meetings_year_then_another_number(self, admin_client):
        meeting = make_meeting(year=2030)
        fields = {"title": "Admission of Lemuria", "outcome": "adopted", "meeting": meeting.pk}
        first = add(admin_client, Decision, slug="", **fields)
        second = add(admin_client, Decision, slug="", **fields)
        third = add(admin_client, Decision, slug="", **fields)
        assert [first.slug, second.slug, third.slug] == [
            "2030-admission-of-lemuria",
            "2030-admission-of-lemuria-2",
            "2030-admission-of-lemuria-3",
        ]

    def test_a_written_procedure_takes_the_year_it_was_decided(self, admin_client):
        decision = add(
            admin_client,
            Decision,
            slug="",
            title="Suspension of Atlantis",
            outcome="adopted",
            written_procedure="on",
            decided_on="2013-05",
        )
        assert decision.slug == "2013-suspension-of-atlantis"

    def test_a_statement_takes_the_year_it_was_issued(self, admin_client):
        statement = add(
            admin_client,
            Statement,
            slug="",
            title="Statement on the review mission",
            kind="press-statement",
            issuer=make_participant().pk,
            issued_on="2023-11-10",
        )
        assert statement.slug == "2023-statement-on-the-review-mission"

    def test_a_meeting_whose_slug_is_emptied_takes_its_year_and_city(self, admin_client):
        meeting = make_meeting(year=2030, city="Poseidonia", slug="old")
        data = change_form_data(admin_client.get(change_url(meeting)))
        data["slug"] = ""
        assert admin_client.post(change_url(meeting), data).status_code == 302
        meeting.refresh_from_db()
        assert meeting.slug == "2030-poseidonia"

    def test_a_slug_typed_by_the_editor_is_kept(self, admin_client):
        decision = add(admin_client, Decision, slug="lemuria", title="Admission", outcome="noted")
        assert decision.slug == "lemuria"


class TestTheConvention:
    def test_without_a_year_the_slug_is_the_title(self):
        assert conventional_slug(Decision(title="Review of the core document")) == (
            "review-of-the-core-document"
        )

    def test_the_meeting_comes_before_the_date_decided(self):
        decision = Decision(
            title="Review",
            meeting=make_meeting(year=2030),
            decided_on=datetime.date(2029, 1, 1),
            decided_on_precision=Precision.YEAR,
        )
        assert conventional_slug(decision) == "2030-review"

    def test_a_long_title_is_cut_to_the_slugs_length_with_room_for_its_number(self):
        statement = Statement(title="A very long title " * 15, issued_on=datetime.date(2023, 1, 1))
        first = conventional_slug(statement)
        make_statement(title=statement.title, issued_on=statement.issued_on, slug=first)
        second = conventional_slug(statement)
        max_length = Statement._meta.get_field("slug").max_length
        assert first.startswith("2023-a-very-long-title") and len(first) <= max_length
        assert second.endswith("-2") and len(second) <= max_length and "--" not in second

    def test_an_existing_records_own_slug_is_not_taken(self):
        meeting = make_meeting(year=2030, city="Poseidonia", slug="2030-poseidonia")
        assert conventional_slug(meeting) == "2030-poseidonia"


def test_an_imported_row_without_a_slug_gets_one(admin_client):
    make_meeting(year=2030, slug="2030-atlantis")
    make_decision(title="Admission of Lemuria", slug="2030-admission-of-lemuria")
    rows = [
        {
            "slug": "",
            "title": "Admission of Lemuria",
            "outcome": "adopted",
            "meeting": "2030-atlantis",
        },
        {"slug": "", "title": "Review", "outcome": "noted", "meeting": ""},
    ]
    import_file(admin_client, Decision, csv_file(rows, name="decisions.csv"))
    assert set(Decision.objects.values_list("slug", flat=True)) == {
        "2030-admission-of-lemuria",
        "2030-admission-of-lemuria-2",
        "review",
    }
    assert Meeting.objects.get(slug="2030-atlantis").decisions.get().slug == (
        "2030-admission-of-lemuria-2"
    )
