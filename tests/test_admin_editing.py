"""Editing through the admin's own forms: no lost updates, field errors, history."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenaries.dates import PartialDate, Precision
from plenaries.models import Meeting, Participant, PublicationStatus, StatusPeriod
from plenaries.roles import EDITORS
from tests.admin_forms import change_form_data, change_url, text_of
from tests.factories import (
    make_decision,
    make_meeting,
    make_participant,
    make_position,
    make_source,
    make_user,
)

pytestmark = pytest.mark.django_db


class TestNoLostUpdates:
    def test_the_second_save_is_refused_with_what_changed_and_keeps_its_text(self, admin_client):
        decision = make_decision(summary="The original summary.", title="Original title")
        url = change_url(decision)
        first = change_form_data(admin_client.get(url))
        second = change_form_data(admin_client.get(url))

        first["summary"] = "The first editor's summary."
        assert admin_client.post(url, first).status_code == 302

        second["title"] = "The second editor's title"
        second["summary"] = "The second editor's summary."
        response = admin_client.post(url, second)
        assert response.status_code == 200
        page = text_of(response)
        assert "saved this decision" in page and "while you were editing it" in page
        form = response.context["adminform"].form
        assert "Changed meanwhile to: “The first editor&#x27;s summary.”" in page
        assert form["summary"].value() == "The second editor's summary."
        assert form["title"].value() == "The second editor's title"
        decision.refresh_from_db()
        assert decision.summary == "The first editor's summary."

        # Re-applying from the refused form goes through, with both editors' work.
        again = change_form_data(response)
        assert admin_client.post(url, again).status_code == 302
        decision.refresh_from_db()
        assert (decision.title, decision.summary) == (
            "The second editor's title",
            "The second editor's summary.",
        )

    def test_fields_only_the_other_editor_changed_take_their_new_value(self, admin_client):
        decision = make_decision(summary="Old summary.", title="Old title")
        url = change_url(decision)
        first, second = change_form_data(admin_client.get(url)), None
        second = change_form_data(admin_client.get(url))
        first["summary"] = "New summary."
        admin_client.post(url, first)
        second["title"] = "New title"
        response = admin_client.post(url, second)
        form = response.context["adminform"].form
        assert form["summary"].value() == "New summary."
        assert "Their changes, now in the form: Summary: “New summary.”" in text_of(response)
        assert admin_client.post(url, change_form_data(response)).status_code == 302
        decision.refresh_from_db()
        assert (decision.title, decision.summary) == ("New title", "New summary.")

    @staticmethod
    def opened_before_a_date_was_saved(client):
        """(decision, address, data) as a second editor opened a written procedure decided in
        May 2013, before a first editor retyped that date as 2013 and saved."""
        decision = make_decision(
            written_procedure=True,
            decided_on=datetime.date(2013, 5, 1),
            decided_on_precision=Precision.MONTH,
        )
        url = change_url(decision)
        first, second = change_form_data(client.get(url)), change_form_data(client.get(url))
        assert first["decided_on"] == first["initial-decided_on"] == "2013-05"
        first["decided_on"] = "2013"
        assert client.post(url, first).status_code == 302
        return decision, url, second

    def test_a_partial_date_saved_meanwhile_comes_into_the_form_as_typed(self, admin_client):
        decision, url, second = self.opened_before_a_date_was_saved(admin_client)
        second["summary"] = "The second editor's summary."
        refused = admin_client.post(url, second)
        assert refused.status_code == 200
        assert "now in the form:" in text_of(refused) and "“2013”" in text_of(refused)
        again = change_form_data(refused)
        assert again["decided_on"] == "2013"
        assert admin_client.post(url, again).status_code == 302
        decision.refresh_from_db()
        assert decision.decided == PartialDate(datetime.date(2013, 1, 1), Precision.YEAR)
        assert decision.summary == "The second editor's summary."

    def test_a_partial_date_both_changed_is_flagged_and_keeps_this_editors_text(self, admin_client):
        decision, url, second = self.opened_before_a_date_was_saved(admin_client)
        second["decided_on"] = "2013-05-20"
        refused = admin_client.post(url, second)
        assert refused.context["adminform"].form.errors["decided_on"] == [
            "Changed meanwhile to: “2013”. Your text is kept here."
        ]
        again = change_form_data(refused)
        assert again["decided_on"] == "2013-05-20"
        assert admin_client.post(url, again).status_code == 302
        decision.refresh_from_db()
        assert decision.decided == PartialDate(datetime.date(2013, 5, 20), Precision.DAY)


class TestNoLostUpdatesInInlines:
    """Inline rows are locked like the main form: a row saved meanwhile is never overwritten."""

    @pytest.fixture
    def decision(self):
        decision = make_decision(title="Review mission", summary="The summary.")
        source = make_source()
        for name in ("Atlantis", "Lemuria"):
            make_position(
                decision,
                make_participant(name=name),
                stance="supported",
                note=f"{name}'s note.",
                sources=[source],
            )
        return decision

    @staticmethod
    def row(data, name, field):
        """The POST key of `field` in the positions row of participant `name`."""
        participant = str(Participant.objects.get(name=name).pk)
        prefix = next(
            key.removesuffix("-participant")
            for key, value in data.items()
            if key.startswith("positions-")
            and key.endswith("-participant")
            and value == participant
        )
        return f"{prefix}-{field}"

    def opened_before_a_note_was_saved(self, client, decision):
        """(the form's address, its data) as a second editor opened it, before a first editor
        changed Atlantis's note and saved."""
        url = change_url(decision)
        first, second = change_form_data(client.get(url)), change_form_data(client.get(url))
        first[self.row(first, "Atlantis", "note")] = "The first editor's note."
        assert client.post(url, first).status_code == 302
        return url, second

    def test_an_untouched_row_keeps_the_note_saved_meanwhile(self, admin_client, decision):
        """The first editor changed a row only, which leaves the decision's version as it was:
        the second editor's save of the decision goes through, and the row is left alone."""
        url, second = self.opened_before_a_note_was_saved(admin_client, decision)

        second["summary"] = "The second editor's summary."
        assert admin_client.post(url, second).status_code == 302

        decision.refresh_from_db()
        assert decision.summary == "The second editor's summary."
        assert (
            decision.positions.get(participant__name="Atlantis").note == "The first editor's note."
        )

    def test_a_row_both_changed_is_refused_and_keeps_both_changes(self, admin_client, decision):
        url, second = self.opened_before_a_note_was_saved(admin_client, decision)

        second[self.row(second, "Atlantis", "stance")] = "objected"
        second[self.row(second, "Lemuria", "note")] = "The second editor's note on Lemuria."
        refused = admin_client.post(url, second)
        assert refused.status_code == 200
        page = text_of(refused)
        assert "saved this position" in page and "Note: “The first editor&#x27;s note.”" in page
        position = decision.positions.get(participant__name="Atlantis")
        assert (position.stance, position.note) == ("supported", "The first editor's note.")

        assert admin_client.post(url, change_form_data(refused)).status_code == 302
        position.refresh_from_db()
        assert (position.stance, position.note) == ("objected", "The first editor's note.")
        lemuria = decision.positions.get(participant__name="Lemuria")
        assert lemuria.note == "The second editor's note on Lemuria."

    def test_a_field_both_changed_in_a_row_is_flagged_with_the_text_kept(
        self, admin_client, decision
    ):
        url, second = self.opened_before_a_note_was_saved(admin_client, decision)
        second[self.row(second, "Atlantis", "note")] = "The second editor's note."
        refused = admin_client.post(url, second)
        assert "Changed meanwhile to: “The first editor&#x27;s note.”" in text_of(refused)
        again = change_form_data(refused)
        assert again[self.row(again, "Atlantis", "note")] == "The second editor's note."
        assert admin_client.post(url, again).status_code == 302
        assert (
            decision.positions.get(participant__name="Atlantis").note == "The second editor's note."
        )


class TestValidation:
    def test_a_meeting_ending_before_it_starts_is_a_field_error(self, admin_client):
        meeting = make_meeting()
        data = change_form_data(admin_client.get(change_url(meeting)))
        data.update(starts_on="2030-11-15", ends_on="2030-11-12")
        response = admin_client.post(change_url(meeting), data)
        assert response.context["adminform"].form.errors["ends_on"] == [
            "A meeting cannot end before it starts."
        ]

    def test_a_slug_already_taken_is_a_field_error(self, admin_client):
        make_meeting(slug="2030-taken")
        meeting = make_meeting()
        data = change_form_data(admin_client.get(change_url(meeting)))
        data["slug"] = "2030-taken"
        response = admin_client.post(change_url(meeting), data)
        assert response.context["adminform"].form.errors["slug"] == [
            "Meeting with this Slug already exists."
        ]

    def test_overlapping_status_periods_are_refused(self, admin_client):
        participant = make_participant()
        StatusPeriod.objects.create(
            participant=participant, status="suspended", starts_on="2020-01-01"
        )
        data = change_form_data(admin_client.get(change_url(participant)))
        prefix = "status_periods"
        data[f"{prefix}-TOTAL_FORMS"] = "2"
        data.update(
            {
                f"{prefix}-1-status": "exports-restricted",
                f"{prefix}-1-starts_on": "2021-05",
            }
        )
        response = admin_client.post(change_url(participant), data)
        assert response.status_code == 200
        assert "overlap" in text_of(response).lower()
        assert participant.status_periods.count() == 1

    def test_a_status_following_another_on_the_day_it_ends_is_accepted(self):
        participant = make_participant()
        StatusPeriod.objects.create(
            participant=participant, status="exports-restricted", ends_on="2024-11-01"
        )
        follower = StatusPeriod(
            participant=participant, status="enhanced-vigilance", starts_on="2024-11-01"
        )
        follower.full_clean()  # raises ValidationError if refused
        follower.save()
        assert participant.status_periods.count() == 2


class TestDecisionsEnteredOnTheirMeeting:
    """A meeting's form takes its decisions a row each, as from the minutes."""

    @staticmethod
    def with_new_decisions(data, rows):
        """`data` with a new row of the meeting's decisions inline for each of `rows`."""
        existing = int(data["decisions-TOTAL_FORMS"])
        data["decisions-TOTAL_FORMS"] = str(existing + len(rows))
        for index, row in enumerate(rows, start=existing):
            data.update({f"decisions-{index}-{name}": value for name, value in row.items()})
        return data

    def test_an_editor_adds_two_decisions_from_the_meeting_form(self, client):
        client.force_login(make_user("editor-1", EDITORS))
        meeting = make_meeting(city="Atlantis")
        make_decision(title="Already there", meeting=meeting)
        url = change_url(meeting)
        data = self.with_new_decisions(
            change_form_data(client.get(url)),
            [
                {
                    "title": "Admission of Lemuria",
                    "slug": "admission-of-lemuria",
                    "outcome": "adopted",
                    "summary": "Lemuria was admitted.",
                },
                {"title": "Review of Mu", "slug": "", "outcome": "deferred"},  # made from it
            ],
        )
        response = client.post(url, data)
        assert response.status_code == 302, response.context and response.context["errors"]
        added = meeting.decisions.exclude(title="Already there").order_by("title")
        assert [(d.title, d.outcome, d.summary) for d in added] == [
            ("Admission of Lemuria", "adopted", "Lemuria was admitted."),
            ("Review of Mu", "deferred", ""),
        ]
        assert {d.publication_status for d in added} == {PublicationStatus.DRAFT}
        assert all(decision.slug for decision in added)
        page = text_of(client.get(url))
        assert "Review of Mu" in page
        for decision in added:  # each row opens the decision's own form
            assert f'href="{change_url(decision)}"' in page

    def test_two_new_decisions_of_one_title_each_get_their_own_slug(self, admin_client):
        meeting = make_meeting(year=2030, city="Atlantis")
        url = change_url(meeting)
        rows = [{"title": "Review", "slug": "", "outcome": "deferred"}] * 2
        rows.append({"title": "Review", "slug": "2030-review-3", "outcome": "adopted"})
        response = admin_client.post(
            url, self.with_new_decisions(change_form_data(admin_client.get(url)), rows)
        )
        assert response.status_code == 302
        assert sorted(meeting.decisions.values_list("slug", flat=True)) == [
            "2030-review",
            "2030-review-2",
            "2030-review-3",
        ]

    def test_the_meeting_form_costs_the_same_queries_for_2_decisions_or_20(self, admin_client):
        meeting = make_meeting()
        url = change_url(meeting)
        for _ in range(2):
            make_decision(meeting=meeting)
        with CaptureQueriesContext(connection) as few:
            assert admin_client.get(url).status_code == 200
        for _ in range(18):
            make_decision(meeting=meeting)
        with CaptureQueriesContext(connection) as many:
            assert admin_client.get(url).status_code == 200
        assert len(many) == len(few)


class TestHistory:
    def test_each_save_records_who_and_what_changed(self, admin_client, admin_user):
        decision = make_decision(summary="Before.")
        data = change_form_data(admin_client.get(change_url(decision)))
        data["summary"] = "After."
        admin_client.post(change_url(decision), data)
        latest = decision.history.first()
        assert latest.history_user == admin_user
        assert latest.summary == "After."
        history = admin_client.get(reverse("admin:plenaries_decision_history", args=[decision.pk]))
        page = text_of(history)
        assert "Before." in page and "After." in page

    def test_reverting_restores_the_earlier_text(self, admin_client):
        decision = make_decision(summary="The earlier text.")
        data = change_form_data(admin_client.get(change_url(decision)))
        data["summary"] = "A mistaken edit."
        admin_client.post(change_url(decision), data)
        earlier = decision.history.get(summary="The earlier text.")
        revert_url = reverse(
            "admin:plenaries_decision_simple_history", args=[decision.pk, earlier.history_id]
        )
        response = admin_client.post(revert_url, change_form_data(admin_client.get(revert_url)))
        assert response.status_code == 302
        decision.refresh_from_db()
        assert decision.summary == "The earlier text."

    def test_a_deleted_record_is_listed_and_can_be_restored(self, admin_client):
        meeting = make_meeting(city="Atlantis")
        pk = meeting.pk
        meeting.delete()
        deleted = admin_client.get(reverse("admin:plenaries_meeting_deleted"))
        assert "Atlantis" in text_of(deleted)
        last = Meeting.history.filter(id=pk).exclude(history_type="-").first()
        revert_url = reverse("admin:plenaries_meeting_simple_history", args=[pk, last.history_id])
        response = admin_client.post(revert_url, change_form_data(admin_client.get(revert_url)))
        assert response.status_code == 302
        assert Meeting.objects.get(pk=pk).city == "Atlantis"
