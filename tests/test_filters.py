"""Every filter of every public list narrows to exactly the records the page then shows.

The filters are read from the FilterSets (their declared filters and each one's choices), the
pages from the URLconf; what each filter should keep is a predicate over the published records,
computed here in Python without the FilterSet. A filter added tomorrow fails the test until it has
a predicate (and, when its values cannot be listed, sample values)."""

import datetime
import html
import re
from urllib.parse import parse_qsl

import pytest
from django.test import Client
from django.urls import reverse

from plenaries.filters import DecisionFilter, ListFilterSet, ParticipantFilter, StatementFilter
from plenaries.models import (
    Decision,
    Meeting,
    Participant,
    ParticipantName,
    Position,
    PublicationStatus,
    Source,
    Statement,
    StatusPeriod,
    Topic,
)
from plenaries.models.base import PublishableModel
from tests.conftest import load_demo_record, module_data
from tests.factories import make_position
from tests.routes import url_names

PUBLISHED = PublicationStatus.PUBLISHED


def filtersets(base=ListFilterSet):
    """Every FilterSet of a public list: the subclasses of ListFilterSet bound to a model. The
    API's copies of them (plenaries.api.base.for_the_api) are the same filters, less `page`;
    tests/test_api.py asks them."""
    for subclass in base.__subclasses__():
        if subclass._meta.model is not None and subclass.__module__ == "plenaries.filters":
            yield subclass
        yield from filtersets(subclass)


FILTERSETS = sorted(set(filtersets()), key=lambda filterset: filterset.__name__)


def build():
    """The demo record, two dated statements (its own three have no date), and drafts that no
    filter may find: a draft participant's abstention and objection on published decisions (no
    published participant abstained), a draft decision and statement matching every filter, a
    draft meeting."""
    load_demo_record()
    source = Source.objects.first()
    united_states = Participant.objects.get(slug="united-states-of-america")
    dubai = Meeting.objects.get(slug="2024-dubai")
    for day, kind, topic, issuer in (
        (
            datetime.date(2024, 11, 20),
            Statement.Kind.COMMUNIQUE,
            "central-african-republic",
            "thailand",
        ),
        (datetime.date(2013, 6, 7), Statement.Kind.SPEECH, "admissions", "european-union"),
    ):
        statement = Statement.objects.create(
            issuer=Participant.objects.get(slug=issuer),
            title=f"A {kind} of {day:%Y}",
            slug=f"a-{kind}-of-{day:%Y}",
            kind=kind,
            issued_on=day,
        )
        statement.topics.add(Topic.objects.get(slug=topic))
        statement.sources.add(source)
        statement.publish()

    draft = Participant.objects.create(name="Draftland", slug="draftland", kind="industry")
    ParticipantName.objects.create(participant=draft, name="Draftlandia")
    StatusPeriod.objects.create(participant=draft, status=StatusPeriod.Status.SUSPENDED)
    for slug, stance in (
        ("2018-gabon-admission", Position.Stance.ABSTAINED),
        ("2022-botswana-to-host-permanent-secretariat", Position.Stance.OBJECTED),
    ):
        decision = Decision.objects.get(slug=slug)
        make_position(decision, draft, stance=stance, sources=[source])
        decision.participants_concerned.add(draft)
    Statement.objects.create(
        issuer=draft, title="By a draft", slug="by-a-draft", kind=Statement.Kind.REPORT
    ).topics.set(Topic.objects.all())
    Meeting.objects.create(year=2025, city="Draftville", slug="2025-draftville")
    decision = Decision.objects.create(
        title="Draft decision",
        slug="draft-decision",
        outcome=Decision.Outcome.NOTED,
        meeting=dubai,
        summary="Ukraine vigilance secretariat Gabon Venezuela admission",
    )
    decision.topics.set(Topic.objects.all())
    decision.participants_concerned.set(Participant.objects.published())
    make_position(decision, united_states, stance=Position.Stance.ABSTAINED, sources=[source])
    Statement.objects.create(
        issuer=united_states,
        title="Draft statement on Ukraine",
        slug="draft-statement",
        kind=Statement.Kind.SPEECH,
        issued_on=datetime.date(2024, 12, 1),
    ).topics.set(Topic.objects.all())


@pytest.fixture(scope="module")
def records_for_module(django_db_setup, django_db_blocker):
    yield from module_data(django_db_blocker, build)


@pytest.fixture(scope="module")
def list_pages(records_for_module, django_db_blocker):
    """{FilterSet: the address of the public list it filters}, found by asking every page."""
    pages = {}
    with django_db_blocker.unblock():
        client = Client()
        for name, pattern in url_names():
            if name.startswith("plenaries:") and not pattern.pattern.regex.groupindex:
                context = client.get(reverse(name)).context
                if context is not None and "filter" in context:
                    pages[type(context["filter"])] = reverse(name)
    return pages


@pytest.fixture
def records(records_for_module, db):
    return records_for_module


# What each filter keeps, decided from the record itself: (record, value from the URL) -> bool.


def decision_year(decision):
    """The year of the decision's meeting, or of its written procedure; None when unknown."""
    if decision.meeting_id:
        return decision.meeting.year
    return decision.decided_on.year if decision.decided_on else None


def published_positions(record):
    """Its positions by published participants or by others the source leaves unnamed."""
    return [
        position
        for position in record.positions.all()
        if position.participant is None or position.participant.publication_status == PUBLISHED
    ]


def names(participant):
    """A participant's names, once it is published: a draft's names find nothing."""
    if participant.publication_status != PUBLISHED:
        return []
    other_names = [other.name for other in participant.other_names.all()]
    return [participant.name, participant.short_name, *other_names]


def has_words(query, *texts):
    """Every word of `query` is in one of `texts`, as a word or the start of one, any case."""
    text = " ".join(texts)
    return all(re.search(rf"\b{re.escape(word)}", text, re.IGNORECASE) for word in query.split())


def decision_text(decision):
    concerned = [name for p in decision.participants_concerned.all() for name in names(p)]
    topics = [topic.name for topic in decision.topics.all()]
    own = (decision.title, decision.identifier, decision.summary, decision.text)
    return (*own, decision.conditions, *topics, *concerned)


def statement_text(statement):
    quotations = [quotation.text for quotation in statement.quotations.all()]
    topics = [topic.name for topic in statement.topics.all()]
    own = (statement.title, statement.body, statement.speaker)
    return (*own, *quotations, *topics, *names(statement.issuer))


def current_status(participant):
    """The status of the period still running (the latest begun), else "active"."""
    running = [period for period in participant.status_periods.all() if period.ends_on is None]
    running.sort(key=lambda period: period.starts_on or datetime.date.min, reverse=True)
    return running[0].status if running else StatusPeriod.Status.ACTIVE


def slug_of(record):
    return record.slug if record is not None else None


def every_record(record, value):
    """The predicate of a filter that orders or pages the list without narrowing it."""
    return True


# Filters that order or page the list: every record stays, on one page or another.
NOT_NARROWING = {"sort", "page"}


PREDICATES = {
    (DecisionFilter, "q"): lambda d, v: has_words(v, *decision_text(d)),
    (DecisionFilter, "sort"): every_record,
    (DecisionFilter, "page"): every_record,
    (DecisionFilter, "year_from"): lambda d, v: (decision_year(d) or 0) >= int(v),
    (DecisionFilter, "year_to"): lambda d, v: (
        decision_year(d) is not None and decision_year(d) <= int(v)
    ),
    (DecisionFilter, "meeting"): lambda d, v: slug_of(d.meeting) == v,
    (DecisionFilter, "outcome"): lambda d, v: d.outcome == v,
    (DecisionFilter, "topic"): lambda d, v: v in {topic.slug for topic in d.topics.all()},
    (DecisionFilter, "working_body"): lambda d, v: slug_of(d.working_body) == v,
    (DecisionFilter, "participant"): lambda d, v: (
        v in {p.slug for p in d.participants_concerned.all()}
    ),
    (DecisionFilter, "stance"): lambda d, v: any(p.stance == v for p in published_positions(d)),
    (DecisionFilter, "by"): lambda d, v: any(
        slug_of(p.participant) == v for p in published_positions(d)
    ),
    (StatementFilter, "q"): lambda s, v: has_words(v, *statement_text(s)),
    (StatementFilter, "sort"): every_record,
    (StatementFilter, "page"): every_record,
    (StatementFilter, "issuer"): lambda s, v: s.issuer.slug == v,
    (StatementFilter, "kind"): lambda s, v: s.kind == v,
    (StatementFilter, "topic"): lambda s, v: v in {topic.slug for topic in s.topics.all()},
    (ParticipantFilter, "q"): lambda p, v: all(
        any(word.casefold() in name.casefold() for name in names(p)) for word in v.split()
    ),
    (ParticipantFilter, "kind"): lambda p, v: p.kind == v,
    (ParticipantFilter, "status"): lambda p, v: current_status(p) == v,
}


def decision_years():
    years = {decision_year(decision) for decision in published_records(Decision)} - {None}
    return [min(years) - 1, *sorted(years), max(years) + 1]


# Values of the filters whose values cannot be listed from their choices: words and years from
# the demo record, each chosen to find some records and not all.
SAMPLES = {
    (DecisionFilter, "q"): lambda: [
        "Ukraine",
        "vigilance",
        "secretariat",
        "Gabon",
        "Central African Republic",
        "admission Kimberley",
    ],
    (DecisionFilter, "year_from"): decision_years,
    (DecisionFilter, "year_to"): decision_years,
    (StatementFilter, "q"): lambda: ["Gaborone", "Dubai", "Moscow", "Ukraine"],
    # listed() reads every page from the one asked for.
    (DecisionFilter, "page"): lambda: [1],
    (StatementFilter, "page"): lambda: [1],
    (ParticipantFilter, "q"): lambda: ["congo", "Republic Congo", "Russia", "EU", "ivory", "Zz"],
}

# What the predicates read of each record, fetched with the records.
RELATED = {
    Decision: (
        "meeting",
        "working_body",
        "topics",
        "participants_concerned__other_names",
        "positions__participant",
    ),
    Statement: ("issuer__other_names", "topics", "quotations"),
    Participant: ("other_names", "status_periods"),
}


def published_records(model):
    """The published records of `model`, read without the public querysets."""
    related = RELATED[model]
    return list(model.objects.filter(publication_status=PUBLISHED).prefetch_related(*related))


def filter_values(filterset, name):
    """(value, valid) for each value a filter offers; a draft of a publishable model is a value
    the filter must refuse."""
    declared = filterset.base_filters[name]
    choices = declared.extra.get("choices")
    if choices is not None:
        return [
            (str(value), True) for value, label in (choices() if callable(choices) else choices)
        ]
    if hasattr(declared, "queryset"):
        field = declared.extra.get("to_field_name") or "pk"
        offered = declared.get_queryset(None)
        values = [(str(getattr(record, field)), True) for record in offered]
        model = offered.model
        if issubclass(model, PublishableModel):
            drafts = model.objects.exclude(publication_status=PUBLISHED)
            values += [(str(getattr(record, field)), False) for record in drafts]
        return values
    samples = SAMPLES.get((filterset, name))
    assert samples, f"{filterset.__name__}.{name} has neither choices nor SAMPLES values"
    return [(str(value), True) for value in samples()]


def listed(client, address, params):
    """The records the page lists for `params`, every page of them from the one `params` asks
    for, and the last response."""
    records, number = [], int(params.get("page", 1))
    while True:
        response = client.get(address, {**params, "page": number} if number > 1 else params)
        assert response.status_code == 200, (address, params, response.status_code)
        context = response.context
        if "groups" in context:
            return [record for label, group in context["groups"] for record in group], response
        page = context["page_obj"]
        records += page.object_list
        if not page.has_next():
            return records, response
        number += 1


@pytest.mark.parametrize(
    ("filterset", "name"),
    [(filterset, name) for filterset in FILTERSETS for name in filterset.base_filters],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_each_filter_value_lists_exactly_the_records_it_names(
    client, records, list_pages, filterset, name
):
    predicate = PREDICATES.get((filterset, name))
    assert predicate, f"{filterset.__name__}.{name} has no predicate in PREDICATES: add one"
    address = list_pages.get(filterset)
    assert address, f"No public list shows {filterset.__name__}"
    model = filterset._meta.model
    everything = published_records(model)
    values = filter_values(filterset, name)
    assert values, f"{filterset.__name__}.{name} offers no value to test"
    problems = []
    narrowing = 0
    for value, valid in values:
        shown, response = listed(client, address, {name: value})
        page = response.content.decode()
        kept = everything if not valid else [r for r in everything if predicate(r, value)]
        narrowing += 0 < len(kept) < len(everything)
        expected = {record.pk for record in kept}
        if {record.pk for record in shown} != expected:
            missing = [str(r) for r in kept if r.pk not in {s.pk for s in shown}]
            extra = [str(r) for r in shown if r.pk not in expected]
            problems.append(f"{name}={value}: missing {missing}, not expected {extra}")
        if not valid and name not in response.context["filter"].form.errors:
            problems.append(f"{name}={value}, a draft, is not refused")
        if response.context.get("total") not in (None, len(expected)):
            problems.append(f"{name}={value}: counts {response.context['total']}, not {len(kept)}")
        problems += [
            f"{name}={value}: {record} listed but not linked"
            for record in shown
            if record.get_absolute_url() not in page
        ]
    assert not problems, "\n".join(problems)
    if name not in NOT_NARROWING:  # a filter whose values all keep all or nothing tests nothing
        assert narrowing, f"no value of {filterset.__name__}.{name} narrows the list"


# The order each value of `sort` promises, as the key its records rise or fall by.
ORDERS = {"newest": "falling", "oldest": "rising", "relevance": "falling"}  # no words: newest
DATES = {
    Decision: lambda d: (
        (d.meeting.starts_on or datetime.date(d.meeting.year, 1, 1)) if d.meeting else d.decided_on
    ),
    Statement: lambda s: s.issued_on,
}


@pytest.mark.parametrize(
    "filterset", [f for f in FILTERSETS if "sort" in f.base_filters], ids=lambda f: f.__name__
)
def test_each_order_sorts_as_it_promises(client, records, list_pages, filterset):
    date = DATES[filterset._meta.model]
    for value, _valid in filter_values(filterset, "sort"):
        assert value in ORDERS, f"{filterset.__name__} sorts by {value!r}: say in ORDERS how"
        shown, response = listed(client, list_pages[filterset], {"sort": value})
        dates = [date(record) or datetime.date.min for record in shown]
        assert len(set(dates)) > 2, "too few dates to tell an order"
        expected = sorted(dates, reverse=ORDERS[value] == "falling")
        assert dates == expected, f"sort={value}: {dates}"


@pytest.mark.parametrize("filterset", FILTERSETS, ids=lambda f: f.__name__)
def test_a_parameter_the_page_does_not_know_is_named(client, records, list_pages, filterset):
    response = client.get(list_pages[filterset], {"colour": "red"})
    assert response.status_code == 200
    assert "“colour” is not a filter of this page." in response.content.decode()


@pytest.mark.parametrize(
    "filterset", [f for f in FILTERSETS if "year_from" in f.base_filters], ids=lambda f: f.__name__
)
def test_a_range_of_years_that_runs_backwards_is_refused(client, records, list_pages, filterset):
    shown, response = listed(client, list_pages[filterset], {"year_from": 2020, "year_to": 2015})
    assert "The range ends before it starts." in response.content.decode()
    assert response.context["filter"].form.errors.keys() == {"year_to"}
    # The end is ignored, as the page says; the start still applies.
    from_2020 = PREDICATES[filterset, "year_from"]
    kept = [
        record for record in published_records(filterset._meta.model) if from_2020(record, 2020)
    ]
    assert {record.pk for record in shown} == {record.pk for record in kept}


# The filters as a reader sees them: facets with counts, a small form, removable chips.


def facet_values(response):
    """{facet name: [FacetValue]} as the page offers them, the folded ones included."""
    return {facet.name: facet.values + facet.more for facet in response.context["facets"]}


def applied(client, address, url):
    """The records the list shows at `url`, a link relative to `address`."""
    query = url[1:] if url.startswith("?") else ""
    shown, _response = listed(client, address, dict(parse_qsl(query)))
    return shown


@pytest.mark.parametrize("filterset", FILTERSETS, ids=lambda f: f.__name__)
def test_every_filter_is_shown_as_a_facet_or_a_control_and_none_as_dashes(
    client, records, list_pages, filterset
):
    response = client.get(list_pages[filterset])
    page = response.content.decode()
    shown = response.context["filter"]
    assert "---------" not in page
    for name, declared in shown.filters.items():
        if shown.form.fields[name].widget.is_hidden:
            continue  # the page number: the pagination's
        if shown.is_facet(name):
            assert f'id="facet-{name}"' in page, f"{filterset.__name__}.{name} has no facet"
        else:
            assert re.search(rf'<(input|select)[^>]* name="{name}"', page), name
            assert f'<label for="id_{name}">{declared.label}</label>' in page, name


def base_queries(client, address):
    """The list unfiltered, and narrowed by the first value of each of its facets."""
    queries = [{}]
    for values in facet_values(client.get(address)).values():
        queries.append(dict(parse_qsl(values[0].url[1:])))
    return queries


@pytest.mark.parametrize("filterset", FILTERSETS, ids=lambda f: f.__name__)
def test_each_facet_value_lists_as_many_records_as_its_count(
    client, records, list_pages, filterset
):
    address = list_pages[filterset]
    extra = (
        [{"stance": "objected"}, {"by": "russian-federation"}]
        if "by" in filterset.base_filters
        else []
    )
    problems, checked = [], 0
    for query in base_queries(client, address) + extra:
        response = client.get(address, query)
        for name, values in facet_values(response).items():
            for value in values:
                assert value.count is not None, "the demo record is small enough to count"
                assert value.count > 0 or value.active, f"{name}={value.value} offered at 0"
                shown = applied(client, address, value.url)
                checked += 1
                if len(shown) != value.count:
                    problems.append(f"{query} + {name}={value.value}: {value.count} ≠ {len(shown)}")
    assert checked > 10
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("filterset", FILTERSETS, ids=lambda f: f.__name__)
def test_a_value_that_would_list_nothing_is_not_offered(client, records, list_pages, filterset):
    address = list_pages[filterset]
    for query in base_queries(client, address)[:3]:
        offered = facet_values(client.get(address, query))
        for name in filterset.base_filters:
            if name not in offered and not filterset(query).is_facet(name):
                continue
            offered_values = {value.value for value in offered.get(name, [])}
            for value, valid in filter_values(filterset, name):
                if valid and value not in offered_values and name not in query:
                    shown, _response = listed(client, address, {**query, name: value})
                    assert not shown, (
                        f"{query}: {name}={value} lists {len(shown)} but is not offered"
                    )


@pytest.mark.parametrize("filterset", FILTERSETS, ids=lambda f: f.__name__)
def test_each_chip_removes_its_filter(client, records, list_pages, filterset):
    address = list_pages[filterset]
    queries = [query for query in base_queries(client, address) if query]
    query = {
        **queries[0],
        **queries[-1],
        "q": "Kimberley" if "sort" in filterset.base_filters else "a",
    }
    response = client.get(address, query)
    chips = response.context["filter"].chips()
    page = response.content.decode()
    assert len(chips) == len(query), (query, chips)
    for chip in chips:
        name = next(n for n in query if str(filterset.base_filters[n].label) == chip.label)
        without = {key: value for key, value in query.items() if key != name}
        label = f"Remove filter {chip.label}: {chip.value}"
        assert f'aria-label="{html.escape(label)}"' in page
        link = chip.remove_url if chip.remove_url != "./" else "?"
        after = client.get(address + link)
        assert dict(after.context["filter"].asked.items()) == without
        expected, _response = listed(client, address, without)
        assert [r.pk for r in applied(client, address, link)] == [r.pk for r in expected]
    assert (
        f'<a class="chip-clear" href="{html.escape(response.context["filter"].clear_url())}">'
        in page
    )


def test_an_unknown_value_still_gives_the_page_with_a_message(client, records, list_pages):
    response = client.get(list_pages[DecisionFilter], {"outcome": "nonsense", "meeting": "nowhere"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Some filters were not understood and are ignored:" in page
    assert not response.context["filter"].chips()
