"""Publication is the Publishers' alone, on every path that saves a record: the form, a revert to
another version, the restore of a deleted record. Parametrized over every publishable model the
admin registers, and both roles."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from plenaries.admin.publishing import PublishableAdmin
from plenaries.models import Chairmanship, PublicationStatus
from plenaries.models.base import PublishableModel
from plenaries.roles import EDITORS, PUBLISHERS
from tests.admin_forms import change_form_data, change_url
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

PUBLISHABLE = sorted(
    (model for model in admin.site._registry if issubclass(model, PublishableModel)),
    key=lambda model: model._meta.label,
)
ROLES = [(EDITORS, False), (PUBLISHERS, True)]  # and whether the role's revert may publish
PUBLISHED_BY_BUTTON = sorted(
    (model for model, model_admin in admin.site._registry.items()
     if isinstance(model_admin, PublishableAdmin)),
    key=lambda model: model._meta.label,
)  # fmt: skip


@pytest.fixture
def signed_in(client):
    def sign_in(role):
        client.force_login(make_user(role, role))
        return client

    return sign_in


def revert(client, record_id, version):
    """Open `version` in the record's history and press Revert, as an editor does."""
    opts = version.instance._meta
    url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[record_id, version.history_id],
    )
    data = change_form_data(client.get(url))
    sources = getattr(version, "sources", None)
    if "sources" in data and not data["sources"] and sources is not None:
        # A deleted record's links to its sources are gone: pick them again, as in the form.
        data["sources"] = [str(row.source_id) for row in sources.all()]
    return client.post(url, data)


def published_record(model):
    record = model.objects.published().order_by("pk").first()
    assert record is not None, f"the demo record publishes no {model._meta.verbose_name}"
    return record


def draft_version(record):
    """A version of the published `record` in which it was a draft: the demo record is loaded
    published, in one history row, so the record is unpublished and published again."""
    record.unpublish()
    record.publish()
    return record.history.filter(publication_status=PublicationStatus.DRAFT).first()


@pytest.mark.parametrize(("role", "publishes"), ROLES)
@pytest.mark.parametrize("model", PUBLISHABLE, ids=lambda model: model._meta.model_name)
class TestRevertAndRestore:
    def test_reverting_a_draft_to_a_published_version(
        self, signed_in, demo_record, model, role, publishes
    ):
        record = published_record(model)
        published_version = record.history.order_by("-history_id").first()
        record.unpublish()
        response = revert(signed_in(role), record.pk, published_version)
        assert response.status_code == 302
        record.refresh_from_db()
        assert record.is_published is publishes

    def test_reverting_a_published_record_to_a_draft_version(
        self, signed_in, demo_record, model, role, publishes
    ):
        record = published_record(model)
        response = revert(signed_in(role), record.pk, draft_version(record))
        assert response.status_code == 302
        record.refresh_from_db()
        assert record.is_published is not publishes

    def test_restoring_a_published_record_that_a_publisher_deleted(
        self, signed_in, demo_record, model, role, publishes
    ):
        for record in model.objects.published().order_by("pk"):
            pk = record.pk
            try:
                with transaction.atomic():
                    record.delete()
            except ProtectedError:
                continue  # the record holds others: try the next
            break
        else:
            raise AssertionError(f"every published {model._meta.verbose_name} is needed")
        last_version = model.history.filter(id=pk).exclude(history_type="-").first()
        assert last_version.publication_status == PublicationStatus.PUBLISHED

        response = revert(signed_in(role), pk, last_version)
        assert response.status_code == 302
        assert model.objects.get(pk=pk).is_published is publishes


@pytest.mark.parametrize("model", PUBLISHABLE, ids=lambda model: model._meta.model_name)
def test_a_user_who_may_only_view_cannot_revert(client, demo_record, model):
    record = published_record(model)
    version = draft_version(record)
    opts = model._meta
    viewer = User.objects.create_user("viewer", password=PASSWORD, is_staff=True)
    viewer.user_permissions.add(
        *viewer.user_permissions.model.objects.filter(codename=f"view_{opts.model_name}")
    )
    client.force_login(viewer)
    url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[record.pk, version.history_id],
    )
    assert client.get(url).status_code == 200  # viewing an old version is allowed
    assert client.post(url, {}).status_code == 403
    record.refresh_from_db()
    assert record.is_published


@pytest.mark.parametrize("model", PUBLISHED_BY_BUTTON, ids=lambda model: model._meta.model_name)
def test_save_and_publish_and_save_and_unpublish_stay_on_the_form_and_say_so(
    signed_in, demo_record, model
):
    client = signed_in(PUBLISHERS)
    record = published_record(model)
    record.unpublish()
    url = change_url(record)
    for button, published, message in (
        ("_publish", True, "Published: it is now on the public site."),
        ("_unpublish", False, "Unpublished: it is no longer on the public site."),
    ):
        data = change_form_data(client.get(url))
        data[button] = "Save"
        response = client.post(url, data, follow=True)
        assert response.redirect_chain == [(url, 302)], button
        assert [str(shown) for shown in response.context["messages"]] == [message]
        record.refresh_from_db()
        assert record.is_published is published


def test_save_and_publish_on_the_add_form_opens_the_new_record(signed_in, demo_record):
    client = signed_in(PUBLISHERS)
    url = reverse("admin:plenaries_chairmanship_add")
    data = change_form_data(client.get(url))
    data.update(year="2099", sources=[], _publish="Save and publish")
    response = client.post(url, data, follow=True)
    added = Chairmanship.objects.get(year=2099)
    assert response.redirect_chain == [(change_url(added), 302)]
    assert added.is_published
