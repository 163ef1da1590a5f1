"""The admin's index and changelists as an editor finds them: the record first, the newest first."""

import datetime

import pytest
from django.contrib import admin
from django.db.models import Max
from django.test import RequestFactory
from django.urls import reverse

from plenaries.models import Topic, WorkingBody
from tests.admin_forms import text_of
from tests.factories import make_decision, make_meeting

pytestmark = pytest.mark.django_db

RECORD = sorted(
    (model for model in admin.site._registry if model._meta.app_label == "plenaries"),
    key=lambda model: model._meta.label,
)
by_name = {"ids": lambda model: model._meta.model_name}
EDITORS_ORDER = [
    "meeting", "decision", "statement", "participant", "chairmanship",
    "source", "workingbody", "topic",
    "position", "quotation", "reportedfigure", "participantname", "statusperiod",
]  # fmt: skip


def test_the_index_leads_with_the_record_in_an_editors_order(admin_client, demo_record):
    response = admin_client.get(reverse("admin:index"))
    apps = response.context["app_list"]
    assert [app["app_label"] for app in apps] == ["plenaries", "auth", "axes"]
    assert apps[0]["name"] == "The record"
    models = [model["model"]._meta.model_name for model in apps[0]["models"]]
    assert models == EDITORS_ORDER
    # As the page shows them: each table's link comes after the one before.
    page = response.content.decode()
    links = [reverse(f"admin:plenaries_{name}_changelist") for name in EDITORS_ORDER]
    links += [reverse("admin:auth_user_changelist"), reverse("admin:axes_accessattempt_changelist")]
    places = [page.index(f'href="{link}"') for link in links]
    assert places == sorted(places)


def ordering_field(model):
    """The field the admin's changelist of `model` sorts by first, and whether it is descending."""
    request = RequestFactory().get("/admin/")
    first = admin.site._registry[model].get_ordering(request)[0]
    if isinstance(first, str):
        return first.removeprefix("-"), first.startswith("-")
    return first.expression.name, first.descending


@pytest.mark.parametrize("model", RECORD, **by_name)
def test_a_changelist_lists_the_newest_first(admin_client, demo_record, model):
    field, descending = ordering_field(model)
    assert descending, f"{model._meta.model_name} changelists list the oldest first"
    records = model._default_manager
    if field == "updated_at":
        worked_on = records.order_by("updated_at").first()
        worked_on.save()  # the one an editor just worked on
    response = admin_client.get(reverse(f"admin:plenaries_{model._meta.model_name}_changelist"))
    top = response.context["cl"].result_list[0]
    assert getattr(top, field) == records.aggregate(newest=Max(field))["newest"]
    if field == "updated_at":
        assert top == worked_on


def test_the_decision_changelist_says_where_or_how_each_was_taken(admin_client, demo_record):
    make_decision(title="Zz review", meeting=make_meeting(year=2030, city="Atlantis"))
    make_decision(
        title="Zz review",
        written_procedure=True,
        decided_on=datetime.date(2013, 5, 1),
        decided_on_precision="month",
    )
    url = reverse("admin:plenaries_decision_changelist")
    response = admin_client.get(url, {"q": "Zz review"})
    page = text_of(response)
    assert "column-taken" in page
    assert "2030 Atlantis plenary" in page
    assert "Written procedure, May 2013" in page


def test_the_decision_filters_list_working_bodies_and_topics_by_name(admin_client, demo_record):
    for model in (WorkingBody, Topic):
        model.objects.order_by("name").last().save()  # the latest changed, last by name
    response = admin_client.get(reverse("admin:plenaries_decision_changelist"))
    specs = {
        spec.field.name: spec
        for spec in response.context["cl"].filter_specs
        if isinstance(spec, admin.RelatedFieldListFilter)
    }
    for name in ("working_body", "topics"):
        related = specs[name].field.related_model
        assert [label for _pk, label in specs[name].lookup_choices] == [
            str(record) for record in related.objects.order_by("name")
        ]
