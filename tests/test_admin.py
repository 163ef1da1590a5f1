import csv
import html
import io

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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
)
from tests.admin_forms import change_form_data
from tests.factories import make_decision, make_meeting, make_participant, make_source

pytestmark = pytest.mark.django_db

# Queries a changelist may make, whatever the number of rows it lists.
CHANGELIST_QUERIES = 12


def make_user(username, group):
    user = User.objects.create_user(username, password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(client):
    user = make_user("editor-1", "Editors")
    client.force_login(user)
    return user


@pytest.fixture
def publisher_client(client):
    client.force_login(make_user("publisher-1", "Publishers"))
    return client


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def text_of(response):
    return " ".join(response.content.decode().split())


class TestChangelists:
    @staticmethod
    def fill(first, last):
        """Rows numbered first..last-1 of every model the changelists show, with their links."""
        numbers = range(first, last)
        source = make_source()
        participants = Participant.objects.bulk_create(
            Participant(name=f"Bulk participant {n}", slug=f"bulk-{n}") for n in numbers
        )
        meetings = Meeting.objects.bulk_create(
            Meeting(year=2030, city=f"City {n}", slug=f"bulk-{n}") for n in numbers
        )
        decisions = Decision.objects.bulk_create(
            Decision(title=f"Bulk decision {n}", slug=f"bulk-{n}", outcome="adopted", meeting=m)
            for n, m in zip(numbers, meetings, strict=True)
        )
        Position.objects.bulk_create(
            Position(decision=d, participant=p, stance="supported", source=source)
            for d, p in zip(decisions, participants, strict=True)
        )
        Statement.objects.bulk_create(
            Statement(title=f"S {n}", slug=f"bulk-{n}", kind="speech", issuer=p, meeting=m)
            for n, p, m in zip(numbers, participants, meetings, strict=True)
        )
        StatusPeriod.objects.bulk_create(
            StatusPeriod(participant=p, status="active") for p in participants
        )
        Chairmanship.objects.bulk_create(
            Chairmanship(year=2100 + n, chair=p) for n, p in zip(numbers, participants, strict=True)
        )
        Source.objects.bulk_create(Source(title=f"Source {n}") for n in numbers)

    @staticmethod
    def queries_for(client, url):
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    @pytest.mark.parametrize(
        "model",
        [Decision, Meeting, Participant, Position, Statement, StatusPeriod, Chairmanship, Source],
    )
    def test_a_changelist_costs_the_same_queries_for_10_rows_or_200(self, admin_client, model):
        url = reverse(f"admin:plenaries_{model._meta.model_name}_changelist") + "?all="
        self.fill(0, 10)
        few = self.queries_for(admin_client, url)
        self.fill(10, 200)
        many = self.queries_for(admin_client, url)
        assert few == many <= CHANGELIST_QUERIES

    def test_a_participant_is_found_by_any_of_its_names(self, admin_client):
        russia = make_participant(name="Russian Federation")
        russia.other_names.create(name="Russia")
        make_participant(name="Belarus")
        url = reverse("admin:plenaries_participant_changelist")
        for query in ("Russia", "russian federation"):
            response = admin_client.get(url, {"q": query})
            assert list(response.context["cl"].result_list) == [russia]


class TestRoles:
    def test_an_editor_sees_no_publish_button_or_action(self, client, editor):
        decision = make_decision(sources=[make_source()])
        response = client.get(change_url(decision))
        assert 'name="_publish"' not in response.content.decode()
        assert "Draft: a Publisher publishes it." in text_of(response)
        changelist = client.get(reverse("admin:plenaries_decision_changelist"))
        assert "publish_selected" not in changelist.content.decode()
        assert "delete_selected" not in changelist.content.decode()

    def test_an_editor_cannot_publish_even_by_posting_the_button(self, client, editor):
        decision = make_decision(sources=[make_source()])
        data = change_form_data(client.get(change_url(decision)))
        data["_publish"] = "Save and publish"
        assert client.post(change_url(decision), data).status_code == 302
        decision.refresh_from_db()
        assert decision.publication_status == PublicationStatus.DRAFT

    def test_an_editor_cannot_delete_a_published_record_but_can_delete_a_draft(
        self, client, editor
    ):
        published = make_decision(sources=[make_source()])
        published.publish()
        draft = make_decision()
        delete = "admin:plenaries_decision_delete"
        assert client.get(reverse(delete, args=[published.pk])).status_code == 403
        assert client.post(reverse(delete, args=[draft.pk]), {"post": "yes"}).status_code == 302
        assert not Decision.objects.filter(pk=draft.pk).exists()

    def test_a_publisher_publishes_from_the_form_and_it_reaches_the_public_site(
        self, publisher_client
    ):
        decision = make_decision(sources=[make_source()])
        data = change_form_data(publisher_client.get(change_url(decision)))
        data["_publish"] = "Save and publish"
        assert publisher_client.post(change_url(decision), data).status_code == 302
        decision.refresh_from_db()
        assert decision.is_published
        assert publisher_client.get(decision.get_absolute_url()).status_code == 200

    def test_publishing_without_a_source_is_a_field_error(self, publisher_client):
        decision = make_decision()
        data = change_form_data(publisher_client.get(change_url(decision)))
        data["_publish"] = "Save and publish"
        response = publisher_client.post(change_url(decision), data)
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["sources"] == [
            "Add at least one source before publishing."
        ]
        decision.refresh_from_db()
        assert not decision.is_published

    def test_the_publish_action_skips_records_without_a_source(self, publisher_client):
        cited, uncited = make_decision(sources=[make_source()]), make_decision()
        response = publisher_client.post(
            reverse("admin:plenaries_decision_changelist"),
            {"action": "publish_selected", "_selected_action": [cited.pk, uncited.pk]},
            follow=True,
        )
        assert "Add at least one source before publishing." in text_of(response)
        assert list(Decision.objects.published()) == [cited]


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
        assert "saved this record" in page and "while you were editing it" in page
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
                f"{prefix}-1-starts_on": "2021-05-01",
                f"{prefix}-1-starts_on_precision": "day",
                f"{prefix}-1-ends_on_precision": "day",
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
        follower.full_clean()


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


def csv_file(rows, name="participants.csv"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    file = io.BytesIO(buffer.getvalue().encode())
    file.name = name
    return file


class TestImport:
    url = "/admin/plenaries/participant/import/"

    def rows(self):
        return [
            {"slug": "atlantis", "name": "Atlantis", "role": "participant", "kind": "state",
             "country": "", "admitted_on": "2030-11-01", "admitted_on_precision": "month"},
            {"slug": "lemuria", "name": "Lemuria", "role": "observer", "kind": "industry",
             "country": "", "admitted_on": "", "admitted_on_precision": "day"},
        ]  # fmt: skip

    def preview(self, client, rows):
        return client.post(
            self.url,
            {
                "resource": "0",
                "format": "0",
                "import_file": csv_file(rows),
            },
        )

    def test_a_good_csv_is_previewed_then_imports_every_row_as_drafts(self, admin_client):
        preview = self.preview(admin_client, self.rows())
        assert preview.status_code == 200
        assert not Participant.objects.exists(), "the preview is a dry run"
        confirm = preview.context["confirm_form"]
        response = admin_client.post(
            "/admin/plenaries/participant/process_import/",
            {name: field.initial for name, field in confirm.fields.items()} | dict(confirm.initial),
        )
        assert response.status_code == 302
        assert set(Participant.objects.values_list("name", "publication_status")) == {
            ("Atlantis", "draft"),
            ("Lemuria", "draft"),
        }
        assert str(Participant.objects.get(slug="atlantis").admitted) == "November 2030"

    def test_a_csv_with_one_bad_row_imports_nothing_and_names_the_row_and_field(self, admin_client):
        rows = self.rows()
        rows[1]["role"] = "spectator"
        response = self.preview(admin_client, rows)
        page = html.unescape(text_of(response))
        assert "Some rows failed to validate" in page
        assert "Value 'spectator' is not a valid choice." in page
        invalid = response.context["result"].invalid_rows
        assert [(row.number, list(row.field_specific_errors)) for row in invalid] == [(2, ["role"])]
        assert "confirm_form" not in response.context
        assert not Participant.objects.exists()


class TestLoginLockout:
    def test_five_failed_logins_lock_the_sixth_attempt(self, client):
        User.objects.create_user("lock-me", password="the-right-password", is_staff=True)
        login = reverse("admin:login")
        for attempt in range(1, 6):
            response = client.post(login, {"username": "lock-me", "password": "wrong"})
            # The fifth failure is answered with the lock itself.
            assert response.status_code == (429 if attempt == 5 else 200)
        response = client.post(login, {"username": "lock-me", "password": "the-right-password"})
        assert response.status_code == 429
        page = text_of(response)
        assert "Too many failed sign-in attempts" in page
        assert "Sign-in is locked after 5 failed attempts" in page and "15 minutes" in page
        assert "_auth_user_id" not in client.session


class TestExport:
    @pytest.mark.parametrize(("file_format", "marker"), [("0", b"slug,name"), ("2", b'"slug"')])
    def test_participants_export_with_their_slugs(self, admin_client, file_format, marker):
        make_participant(name="Atlantis", slug="atlantis")
        response = admin_client.post(
            "/admin/plenaries/participant/export/",
            {"format": file_format, "resource": "0", "export_items": []}
            | {f"participantresource_{name}": "on" for name in ("slug", "name")},
        )
        assert response.status_code == 200
        assert marker in response.content and b"atlantis" in response.content
