import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from plenaries.models import (
    Chairmanship,
    Decision,
    Meeting,
    Participant,
    ParticipantName,
    Position,
    PublicationStatus,
    Quotation,
    ReportedFigure,
    Source,
    Statement,
    StatusPeriod,
    Topic,
    WorkingBody,
)
from tests.admin_forms import change_form_data, change_url, text_of
from tests.factories import make_decision, make_participant, make_source, make_user

pytestmark = pytest.mark.django_db

# Queries a changelist may make, whatever the number of rows it lists.
CHANGELIST_QUERIES = 12
RECORD = sorted(
    (model for model in admin.site._registry if model._meta.app_label == "plenaries"),
    key=lambda model: model._meta.label,
)


@pytest.fixture
def editor(client):
    user = make_user("editor-1", "Editors")
    client.force_login(user)
    return user


@pytest.fixture
def publisher_client(client):
    client.force_login(make_user("publisher-1", "Publishers"))
    return client


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
        positions = Position.objects.bulk_create(
            Position(decision=d, participant=p, stance="supported")
            for d, p in zip(decisions, participants, strict=True)
        )
        Position.sources.through.objects.bulk_create(
            Position.sources.through(position=position, source=source) for position in positions
        )
        statements = Statement.objects.bulk_create(
            Statement(title=f"S {n}", slug=f"bulk-{n}", kind="speech", issuer=p, meeting=m)
            for n, p, m in zip(numbers, participants, meetings, strict=True)
        )
        Quotation.objects.bulk_create(Quotation(statement=s, text="Quoted.") for s in statements)
        ReportedFigure.objects.bulk_create(
            ReportedFigure(statement=s, description="Aid", amount=1, recipient=p)
            for s, p in zip(statements, participants, strict=True)
        )
        ParticipantName.objects.bulk_create(
            ParticipantName(participant=p, name=f"Also {p.name}") for p in participants
        )
        Topic.objects.bulk_create(Topic(name=f"Topic {n}", slug=f"bulk-{n}") for n in numbers)
        WorkingBody.objects.bulk_create(
            WorkingBody(name=f"Body {n}", slug=f"bulk-{n}", kind="committee") for n in numbers
        )
        StatusPeriod.objects.bulk_create(
            StatusPeriod(participant=p, status="active") for p in participants
        )
        Chairmanship.objects.bulk_create(
            Chairmanship(year=2100 + n, chair=p) for n, p in zip(numbers, participants, strict=True)
        )
        Source.objects.bulk_create(Source(title=f"Source {n}") for n in numbers)

    @staticmethod
    def queries_for(client, url, django_assert_max_num_queries):
        """(queries the changelist made, rows it listed), within CHANGELIST_QUERIES."""
        with django_assert_max_num_queries(CHANGELIST_QUERIES) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), response.context["cl"].result_count

    @pytest.mark.parametrize("model", RECORD, ids=lambda model: model._meta.model_name)
    def test_a_changelist_costs_the_same_queries_for_10_rows_or_200(
        self, admin_client, django_assert_max_num_queries, model
    ):
        url = reverse(f"admin:plenaries_{model._meta.model_name}_changelist") + "?all="
        self.fill(0, 10)
        few, listed = self.queries_for(admin_client, url, django_assert_max_num_queries)
        self.fill(10, 200)
        many, more = self.queries_for(admin_client, url, django_assert_max_num_queries)
        assert more - listed >= 190, "fill() makes rows of every model the admin registers"
        assert few == many

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
        public = publisher_client.get(decision.get_absolute_url())
        assert public.status_code == 200 and decision.title in public.content.decode()

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

    @pytest.mark.parametrize(
        "username", ["x" * 151, "x" * 256, "x" * 5000, "a\x00b", "'; DROP TABLE auth_user; --"]
    )
    def test_any_user_name_gets_the_sign_in_page_back(self, client, username):
        response = client.post(reverse("admin:login"), {"username": username, "password": "x"})
        assert response.status_code == 200
        assert response.context["form"].errors
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
