"""A history an editor can read: one row per save, holding the record as saved with its links;
what changed in the inline rows said on that row; changed texts shown whole.

Parametrized over the admin's registry, so that a model or an inline added tomorrow is covered.
The suite runs on PostgreSQL and on SQLite, so each test runs on both."""

import html
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.urls import reverse
from simple_history.utils import get_m2m_reverse_field_name

from plenaries.models import Decision, Participant, Position, PublicationStatus, Source, Topic
from plenaries.models.base import PublishableModel
from tests.admin_forms import change_form_data, change_url, text_of
from tests.factories import make_decision, make_participant, make_position, make_source
from tests.test_import import csv_file, import_file

pytestmark = pytest.mark.django_db

by_name = {"ids": lambda model: model._meta.label_lower}
RECORD = sorted(
    (model for model in admin.site._registry if model._meta.app_label == "plenaries"),
    key=lambda model: model._meta.label,
)
WITH_INLINES = [model for model in RECORD if admin.site._registry[model].inlines]
WITHOUT_INLINES = [model for model in RECORD if model not in WITH_INLINES]
# Inlines whose rows an editor edits: all but those that only show their rows.
EDITED_INLINES = [
    (model, inline)
    for model in WITH_INLINES
    for inline in admin.site._registry[model].inlines
    if inline.fields is None or not set(inline.fields) <= set(inline.readonly_fields)
]
PUBLISHABLE = [model for model in RECORD if issubclass(model, PublishableModel)]
LONG_BEFORE = " ".join(["The Plenary noted the report of the review mission."] * 12)
LONG_AFTER = LONG_BEFORE.replace("noted the report", "welcomed the final report", 1)


def history_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[record.pk])


def a_text_field(model, names):
    """Of the form fields `names`, one holding free text that any text fits in."""

    def fits(field):
        plain = isinstance(field, models.CharField) and not field.choices and not field.unique
        extra_rules = [v for v in field.validators if not hasattr(v, "limit_value")]
        return plain and field.max_length >= 40 and not extra_rules

    own = {field.name: field for field in model._meta.fields}
    fields = [own[name] for name in names if name in own]
    fields = [field for field in fields if not field.is_relation and field.editable]
    texts = [field for field in fields if isinstance(field, models.TextField)]
    return (texts or [field for field in fields if fits(field)])[0].name


def a_record_with_rows(model, inline):
    """A record of the demo data with at least one row in `inline`."""
    parent = next(
        field
        for field in inline.model._meta.fields
        if field.is_relation and field.related_model is model
    )
    row = inline.model._default_manager.order_by("pk").first()
    assert row is not None, f"the demo record holds no {inline.model._meta.verbose_name}"
    return getattr(row, parent.name)


def an_inline_row(response, inline):
    """(the formset's form, the row it edits) of the first saved row of `inline` on the page."""
    for inline_formset in response.context["inline_admin_formsets"]:
        if inline_formset.formset.model is inline.model:
            form = next(form for form in inline_formset.formset.forms if form.instance.pk)
            return form, form.instance
    raise AssertionError(f"no {inline.model._meta.verbose_name} on the form")


def edit_a_link(data, record, form):
    """Link one more record in a many-to-many field the history keeps; its name, or None."""
    kept = record.history.model._history_m2m_fields
    field = next((field for field in kept if field.name in form.fields), None)
    if field is None:
        return None
    linked = set(getattr(record, field.name).values_list("pk", flat=True))
    other = field.related_model._default_manager.exclude(pk__in=linked).first()
    data[field.name] = [*data.get(field.name, []), str(other.pk)]
    return field


def links_in(version, field):
    """The pks a history row holds for the many-to-many `field`."""
    column = f"{get_m2m_reverse_field_name(field)}_id"
    return set(getattr(version, field.name).values_list(column, flat=True))


def shown_values(response, side):
    """The whole values the history page shows on `side` ("old" or "new"), tags removed."""
    cells = re.findall(rf'<dd class="history-{side}">(.*?)</dd>', response.content.decode(), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in cells]


@pytest.mark.parametrize("model", RECORD, **by_name)
def test_one_save_is_one_history_row_holding_the_record_as_saved(admin_client, demo_record, model):
    """A text, a many-to-many link and, where the form has inlines, a row of each: one row."""
    inlines = [inline for parent, inline in EDITED_INLINES if parent is model]
    record = a_record_with_rows(model, inlines[0]) if inlines else model.objects.order_by("pk")[0]
    url = change_url(record)
    page = admin_client.get(url)
    data, form = change_form_data(page), page.context["adminform"].form
    text = a_text_field(model, form.fields)
    data[text] = "Edited in one save."
    link = edit_a_link(data, record, form)
    rows = []
    for inline in inlines:
        row_form, row = an_inline_row(page, inline)
        data[row_form.add_prefix(a_text_field(inline.model, row_form.fields))] = "Edited too."
        rows.append((row, row.history.count()))
    before = record.history.count()

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert record.history.count() == before + 1
    latest = record.history.first()
    assert (latest.history_type, getattr(latest, text)) == ("~", "Edited in one save.")
    if link:
        assert links_in(latest, link) == set(
            getattr(record, link.name).values_list("pk", flat=True)
        )
    for row, count in rows:
        assert row.history.count() == count + 1  # an inline row saved is one row of its own


@pytest.mark.parametrize("model", RECORD, **by_name)
def test_a_save_that_changes_nothing_adds_no_row_and_writes_nothing(
    admin_client, demo_record, model
):
    """Nor does it move the version: a colleague's form opened meanwhile still saves."""
    record = model.objects.order_by("pk")[0]
    before = record.history.count()
    response = admin_client.post(
        change_url(record), change_form_data(admin_client.get(change_url(record)))
    )
    assert response.status_code == 302
    assert record.history.count() == before
    saved = model.objects.get(pk=record.pk)
    assert (saved.version, saved.updated_at) == (record.version, record.updated_at)


@pytest.mark.parametrize(
    ("model", "inline"), EDITED_INLINES, ids=lambda value: getattr(value, "__name__", None)
)
def test_a_change_to_an_inline_row_alone_is_one_row_that_names_it(
    admin_client, demo_record, model, inline
):
    record = a_record_with_rows(model, inline)
    url = change_url(record)
    page = admin_client.get(url)
    data = change_form_data(page)
    row_form, row = an_inline_row(page, inline)
    field = a_text_field(inline.model, row_form.fields)
    data[row_form.add_prefix(field)] = "Edited alone."
    before = record.history.count()

    assert admin_client.post(url, data).status_code == 302

    assert record.history.count() == before + 1
    row.refresh_from_db()
    label = inline.model._meta.get_field(field).verbose_name
    said = f"Changed {label} for {inline.model._meta.verbose_name} “{row}”."
    assert said in html.unescape(text_of(admin_client.get(history_url(record))))


def test_added_and_deleted_inline_rows_are_named_on_the_row_of_their_save(
    admin_client, demo_record
):
    decision = make_decision(title="Review mission", sources=[make_source()])
    kept = make_position(decision, make_participant(name="Atlantis"))
    url = change_url(decision)
    data = change_form_data(admin_client.get(url))
    prefix = "positions"
    data[f"{prefix}-0-DELETE"] = "on"
    data[f"{prefix}-TOTAL_FORMS"] = "2"
    lemuria = make_participant(name="Lemuria")
    data.update(
        {
            f"{prefix}-1-participant": str(lemuria.pk),
            f"{prefix}-1-attribution": "named",
            f"{prefix}-1-stance": "objected",
            f"{prefix}-1-sources": [str(Source.objects.first().pk)],
        }
    )
    before = decision.history.count()

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert decision.history.count() == before + 1
    page = html.unescape(text_of(admin_client.get(history_url(decision))))
    assert "Added position “Lemuria objected Review mission”." in page
    assert f"Deleted position “{kept}”." in page


def test_the_history_page_shows_a_long_text_whole_with_the_changed_words_marked(
    admin_client, demo_record
):
    decision = make_decision(summary=LONG_BEFORE)
    data = change_form_data(admin_client.get(change_url(decision)))
    data["summary"] = LONG_AFTER
    admin_client.post(change_url(decision), data)

    response = admin_client.get(history_url(decision))

    assert shown_values(response, "old") == [LONG_BEFORE]
    assert shown_values(response, "new") == [LONG_AFTER]
    page = response.content.decode()
    assert "<del>noted</del> " in page and "<ins>welcomed</ins> " in page
    assert "<ins>final</ins> " in page
    assert "chars]" not in page  # simple-history's "[123 chars]" cut


def test_links_and_choices_show_as_the_names_an_editor_knows(admin_client, demo_record):
    decision = make_decision(outcome=Decision.Outcome.ADOPTED, sources=[make_source()])
    report = make_source(title="Report of the review mission")
    data = change_form_data(admin_client.get(change_url(decision)))
    data["sources"] = [*data["sources"], str(report.pk)]
    data["outcome"] = Decision.Outcome.BLOCKED
    admin_client.post(change_url(decision), data)

    response = admin_client.get(history_url(decision))

    page = html.unescape(response.content.decode())
    assert "<ins>Report of the review mission</ins>" in page
    assert "<del>Adopted</del>" in page and "<ins>Blocked for lack of consensus</ins>" in page


@pytest.mark.parametrize("model", PUBLISHABLE, **by_name)
def test_publishing_and_unpublishing_with_the_actions_leave_one_row_each(
    admin_client, demo_record, model
):
    record = model.objects.published().order_by("pk")[0]
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    for action, state in [
        ("unpublish_selected", PublicationStatus.DRAFT),
        ("publish_selected", PublicationStatus.PUBLISHED),
    ]:
        before = record.history.count()
        admin_client.post(changelist, {"action": action, "_selected_action": [record.pk]})
        assert record.history.count() == before + 1
        assert record.history.first().publication_status == state


def test_reverting_is_one_row_holding_the_version_reverted_to(admin_client, demo_record):
    decision = make_decision(summary="The earlier text.", sources=[make_source()])
    earlier = decision.history.first()
    data = change_form_data(admin_client.get(change_url(decision)))
    data["summary"] = "A mistaken edit."
    admin_client.post(change_url(decision), data)
    revert_url = reverse(
        "admin:plenaries_decision_simple_history", args=[decision.pk, earlier.history_id]
    )
    before = decision.history.count()

    response = admin_client.post(revert_url, change_form_data(admin_client.get(revert_url)))

    assert response.status_code == 302
    assert decision.history.count() == before + 1
    latest = decision.history.first()
    assert (latest.history_type, latest.summary) == ("~", "The earlier text.")
    assert links_in(latest, Decision._meta.get_field("sources")) == set(
        decision.sources.values_list("pk", flat=True)
    )


def test_restoring_a_deleted_record_is_one_row_that_creates_it(admin_client, demo_record):
    participant = make_participant(name="Atlantis")
    pk = participant.pk
    participant.delete()
    last = Participant.history.filter(id=pk).exclude(history_type="-").first()
    revert_url = reverse("admin:plenaries_participant_simple_history", args=[pk, last.history_id])
    before = Participant.history.filter(id=pk).count()

    response = admin_client.post(revert_url, change_form_data(admin_client.get(revert_url)))

    assert response.status_code == 302
    assert Participant.history.filter(id=pk).count() == before + 1
    restored = Participant.history.filter(id=pk).first()
    assert (restored.history_type, restored.name) == ("+", "Atlantis")


def test_adding_with_links_is_one_row_that_creates_the_record(admin_client, demo_record):
    source, topic = make_source(), Topic.objects.order_by("pk")[0]
    add_url = reverse("admin:plenaries_decision_add")
    data = change_form_data(admin_client.get(add_url))
    data.update(amends=[], supersedes=[], lifts=[], continues=[], participants_concerned=[])
    data.update(
        title="Added with links", slug="added-with-links", outcome="adopted",
        sources=[str(source.pk)], topics=[str(topic.pk)],
    )  # fmt: skip

    response = admin_client.post(add_url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    added = Decision.objects.get(slug="added-with-links")
    [created] = added.history.all()
    assert created.history_type == "+"
    assert links_in(created, Decision._meta.get_field("topics")) == {topic.pk}


# Every model of the record whose history is kept: all the demo record's kinds of record.
WITH_HISTORY = [
    model
    for model in apps.get_app_config("plenaries").get_models()
    if hasattr(model._meta, "simple_history_manager_attribute")
]


@pytest.mark.parametrize("model", WITH_HISTORY, ids=by_name["ids"])
def test_loading_the_demo_record_leaves_one_creation_row_per_record(demo_record, model):
    kinds = model.history.values("id").annotate(rows=Count("history_id"))
    assert {entry["rows"] for entry in kinds} == {1}
    assert set(model.history.values_list("history_type", flat=True)) == {"+"}


def test_an_imported_record_with_links_is_one_row(admin_client):
    decision, participant = make_decision(slug="admission"), make_participant(slug="atlantis")
    sources = [make_source(), make_source()]
    row = {
        "decision": decision.slug, "participant": participant.slug, "stance": "supported",
        "sources": ",".join(source.url for source in sources),
    }  # fmt: skip
    import_file(admin_client, Position, csv_file([row], name="positions.csv"))
    position = Position.objects.get(decision=decision)
    assert set(position.sources.all()) == set(sources)
    (row,) = position.history.all()
    assert row.history_type == "+"
    assert {link.source for link in row.sources.all()} == set(sources)
