"""Deleting a source or a statement never leaves a fact without the evidence it needs.

A position's statements and sources, and a record's sources, are many-to-many links, which the
database does not protect as it protects a foreign key: the admin refuses such a delete, on its
delete page and in the bulk delete action, as it refuses one that protected records stand in the
way of."""

import pytest
from django.apps import apps
from django.urls import reverse

from plenaries.citations import CITATIONS
from plenaries.models import PublicationStatus
from plenaries.models.base import PublishableModel
from tests.admin_forms import text_of
from tests.factories import (
    make_decision,
    make_meeting,
    make_participant,
    make_position,
    make_source,
    make_statement,
)

pytestmark = pytest.mark.django_db
PUBLISHED = PublicationStatus.PUBLISHED


def only_evidence_of_a_position():
    source = make_source()
    make_position(make_decision(), make_participant(), sources=[source])
    return source


def only_statement_of_a_position():
    statement = make_statement()
    make_position(make_decision(), make_participant(), statements=[statement])
    return statement


def only_source_of_a_published_decision():
    source = make_source()
    make_decision(sources=[source], publication_status=PUBLISHED)
    return source


def only_source_of_a_published_statement():
    source = make_source()
    make_statement(sources=[source], publication_status=PUBLISHED)
    return source


def only_source_of_a_published_communique_flag():
    source = make_source()
    meeting = make_meeting(communique_issued=False, publication_status=PUBLISHED)
    meeting.communique_sources.add(source)
    return source


REFUSED = [
    only_evidence_of_a_position,
    only_statement_of_a_position,
    only_source_of_a_published_decision,
    only_source_of_a_published_statement,
    only_source_of_a_published_communique_flag,
]


def one_of_two_sources_of_a_position():
    source = make_source()
    make_position(make_decision(), make_participant(), sources=[source, make_source()])
    return source


def only_source_of_a_draft_decision():
    source = make_source()
    make_decision(sources=[source])
    return source


def source_of_an_unknown_communique_flag():
    source = make_source()
    make_meeting(publication_status=PUBLISHED).communique_sources.add(source)
    return source


ALLOWED = [
    one_of_two_sources_of_a_position,
    only_source_of_a_draft_decision,
    source_of_an_unknown_communique_flag,
]


def delete_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[record.pk])


@pytest.mark.parametrize("cited", REFUSED, ids=lambda case: case.__name__)
def test_a_delete_that_would_leave_a_fact_uncited_is_refused(admin_client, cited):
    record = cited()
    page = admin_client.post(delete_url(record), {"post": "yes"})
    assert page.status_code == 200
    assert "it would cite nothing" in text_of(page)
    assert type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("cited", REFUSED, ids=lambda case: case.__name__)
def test_the_bulk_delete_action_refuses_it_too(admin_client, cited):
    record = cited()
    opts = record._meta
    page = admin_client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
    )
    assert "it would cite nothing" in text_of(page)
    assert type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("cited", ALLOWED, ids=lambda case: case.__name__)
def test_a_delete_that_leaves_every_fact_cited_goes_through(admin_client, cited):
    record = cited()
    assert admin_client.post(delete_url(record), {"post": "yes"}).status_code == 302
    assert not type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize(
    "model",
    [
        model
        for model in apps.get_app_config("plenaries").get_models()
        if issubclass(model, PublishableModel)
    ],
    ids=lambda model: model._meta.model_name,
)
def test_every_citation_that_publishing_needs_is_guarded(model):
    guarded = {candidates().model: fields for candidates, fields in CITATIONS}
    needed = [*(["sources"] if model.requires_source else []), *model.fact_sources.values()]
    assert all(field in guarded.get(model, ()) for field in needed)
