"""The read-only API: the records the pages show, as data, found by the same filters.

The endpoints are read from the API's router, the queries from the lists' CSV tests: an endpoint
added tomorrow is checked the day it is added. The module's data is the drafts fixture of
test_drafts: the demo record and a marked draft of every publishable model."""

import datetime
import json
import re
from email.utils import parsedate_to_datetime

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from plenaries.api.urls import api_address, router
from plenaries.models import Decision, Participant, Position, RecordVersion, Source
from tests.conftest import module_data
from tests.routes import record_page_names, url_names
from tests.test_drafts import ALL_MARKERS, markers_in
from tests.test_drafts import build as build_drafts
from tests.test_list_csv import QUERIES
from tests.test_list_feeds import SHOWN

pytestmark = pytest.mark.django_db

ENDPOINTS = sorted((basename, viewset) for _prefix, viewset, basename in router.registry)
IDS = [basename for basename, _ in ENDPOINTS]
SEARCHABLE = [(b, v) for b, v in ENDPOINTS if v.filterset_class is not None]
BY_SLUG = [(b, v) for b, v in ENDPOINTS if v.lookup_field == "slug"]

# The public list each endpoint's list serves as data, read with the same query; None: no page
# lists them (sources are listed on the pages of what cites them).
PAGES = {
    "decision": "plenaries:decision-list",
    "statement": "plenaries:statement-list",
    "participant": "plenaries:participant-list",
    "meeting": "plenaries:meeting-list",
    "working-body": "plenaries:working-body-list",
    "topic": "plenaries:topic-list",
    "source": None,
}


@pytest.fixture(scope="module")
def drafts_for_module(django_db_setup, django_db_blocker):
    yield from module_data(django_db_blocker, build_drafts)


@pytest.fixture
def drafts(drafts_for_module, db):
    return drafts_for_module


def get_json(client, address, **headers):
    response = client.get(address, HTTP_ACCEPT="application/json", **headers)
    assert response["Content-Type"] == "application/json", (address, response.status_code)
    return response, json.loads(response.content)


def every_result(client, basename, query):
    """Every record an endpoint's list finds for `query`, following its pages."""
    address = f"{reverse(f'api:{basename}-list')}?{urlencode({**query, 'page_size': 20})}"
    results = []
    while address:
        response, data = get_json(client, address)
        assert response.status_code == 200, (address, data)
        results += data["results"]
        address = data["next"]
    return results


def test_every_endpoint_has_a_public_list_or_says_it_has_none():
    assert {basename for basename, _ in ENDPOINTS} == set(PAGES)


@pytest.mark.parametrize(("basename", "viewset"), ENDPOINTS, ids=IDS)
def test_each_list_holds_what_its_page_shows_for_the_same_query(client, drafts, basename, viewset):
    page_name = PAGES[basename]
    queries = QUERIES.get(page_name, [{}]) if viewset.filterset_class else [{}]
    for query in queries:
        results = every_result(client, basename, query)
        key = viewset.lookup_field
        if page_name is None:
            expected = Source.objects.published().strongest_first()
        else:
            page = client.get(reverse(page_name), query)
            expected = list(SHOWN[page_name](page.context))
            assert expected, f"{page_name} shows nothing for {query}: choose another query"
        field = {"pk": "id"}.get(key, key)  # a source's number is its "id"
        assert [result[field] for result in results] == [
            getattr(record, key) for record in expected
        ], query


@pytest.mark.parametrize(("basename", "viewset"), ENDPOINTS, ids=IDS)
def test_no_draft_and_no_link_to_one_appears_in_any_answer(client, drafts, basename, viewset):
    """Every record of every list, and each one's own address: no marker of a draft. (The
    drafts' own addresses are not found: test_drafts asks every address of the URLconf.)"""
    results = every_result(client, basename, {})
    assert results
    assert not markers_in(json.dumps(results))
    for result in results[:10]:
        response = client.get(result["api_url"], HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        assert not markers_in(response.content.decode())


@pytest.mark.parametrize(("basename", "viewset"), SEARCHABLE, ids=[b for b, _ in SEARCHABLE])
@pytest.mark.parametrize("marker", ALL_MARKERS)
def test_searching_a_drafts_words_finds_nothing(client, drafts, basename, viewset, marker):
    assert every_result(client, basename, {"q": marker}) == []


def test_a_decision_carries_its_positions_their_evidence_and_its_sources(client, drafts):
    decision = Decision.objects.published().get(slug="2024-car-export-restrictions-lifted")
    response, data = get_json(client, api_address(decision))
    assert response.status_code == 200
    assert data["title"] == decision.title and data["outcome"] == "adopted"
    assert data["meeting"]["slug"] == "2024-dubai"
    positions = Position.objects.published().filter(decision=decision)
    assert len(data["positions"]) == positions.count() > 0
    shown = {(p["participant"] or {}).get("slug") or p["others"]: p for p in data["positions"]}
    for position in positions:
        given = shown[position.participant.slug if position.participant else position.others]
        assert given["stance"] == position.stance
        assert {s["id"] for s in given["sources"]} == set(
            position.sources.values_list("pk", flat=True)
        )
        assert {s["slug"] for s in given["statements"]} == set(
            position.statements.published().values_list("slug", flat=True)
        )
    assert {s["id"] for s in data["sources"]} == set(decision.sources.values_list("pk", flat=True))
    assert all(source["title"] and source["api_url"] for source in data["sources"])
    assert data["page_url"] == f"http://testserver{decision.get_absolute_url()}"


@pytest.mark.parametrize(
    "name",
    record_page_names(),
)
def test_each_record_page_links_to_its_record_in_the_api_and_back(client, drafts, name):
    pattern = dict(url_names())[name]
    record = pattern.callback.view_class.model.objects.published().order_by("pk").first()
    page = client.get(record.get_absolute_url()).content.decode()
    address = api_address(record)
    assert address, f"{name}: the API has no endpoint for its records"
    title = "This record as data (JSON)"
    link = f'<link rel="alternate" type="application/json" title="{title}" href="{address}">'
    assert link in page
    assert f'<a href="{address}" type="application/json">JSON</a>' in page
    response, data = get_json(client, address)
    assert data["page_url"] == f"http://testserver{record.get_absolute_url()}"


@pytest.mark.parametrize(("basename", "viewset"), BY_SLUG, ids=[b for b, _ in BY_SLUG])
def test_an_old_slug_redirects_to_the_record_in_the_api(client, drafts, basename, viewset):
    record = viewset.model.objects.published().order_by("pk").first()
    old_address = api_address(record)
    record.slug = f"{record.slug}-renamed"
    record.save()
    response = client.get(old_address, HTTP_ACCEPT="application/json")
    assert response.status_code == 301
    assert response["Location"] == f"http://testserver{api_address(record)}"
    assert client.get(response["Location"], HTTP_ACCEPT="application/json").status_code == 200


@pytest.mark.parametrize(("basename", "viewset"), ENDPOINTS, ids=IDS)
def test_a_repeated_request_gets_a_304_until_the_record_changes(client, drafts, basename, viewset):
    record = viewset.model.objects.published().order_by("pk").first()
    for address in (reverse(f"api:{basename}-list"), api_address(record)):
        first, _ = get_json(client, address)
        assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
        again = client.get(
            address, HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=first["ETag"]
        )
        assert again.status_code == 304 and again.content == b""
        since = first["Last-Modified"]
        assert client.get(address, HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    Participant.objects.published().first().save()  # any change to the record
    changed, _ = get_json(client, address, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_a_link_between_decisions_made_without_saving_either_is_a_change(client, drafts):
    """The links between decisions have no history (migration 0022): a script may add one
    without saving either decision, and the API's readers get it, by ETag and by date."""
    decision, other = Decision.objects.published().order_by("pk")[:2]
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    RecordVersion.objects.update(changed_at=an_hour_ago)  # no trigger counts the version itself
    address = api_address(decision)
    first, data = get_json(client, address)
    assert parsedate_to_datetime(first["Last-Modified"]) == an_hour_ago.replace(microsecond=0)
    decision.amends.add(other)
    by_etag, data = get_json(client, address, HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_etag.status_code == 200 and by_etag["ETag"] != first["ETag"]
    assert other.slug in json.dumps(data)
    by_date = client.get(address, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 200
    assert parsedate_to_datetime(by_date["Last-Modified"]) > an_hour_ago


@pytest.mark.parametrize(("basename", "viewset"), ENDPOINTS, ids=IDS)
def test_a_wrong_query_is_a_400_that_names_each_parameter(client, drafts, basename, viewset):
    address = reverse(f"api:{basename}-list")
    response, data = get_json(client, f"{address}?colour=blue")
    assert response.status_code == 400
    assert data == {
        "detail": "The query is not valid.",
        "errors": {"colour": ["This endpoint has no such parameter."]},
    }
    for query, name in (("page_size=0", "page_size"), ("page_size=x", "page_size")):
        response, data = get_json(client, f"{address}?{query}")
        assert response.status_code == 400 and set(data["errors"]) == {name}, query
    response, data = get_json(client, f"{address}?page=1&page=2")
    assert response.status_code == 400
    assert data["errors"] == {"page": ["Give this parameter once."]}
    if viewset.filterset_class is not None:
        filters = viewset.filterset_class.base_filters
        bad = {name: "no-such-value" for name in filters if name != "q" and name != "sort"}
        bad["sort"] = "sideways"
        response, data = get_json(client, f"{address}?{urlencode(bad)}")
        assert response.status_code == 400
        assert set(data["errors"]) == set(bad), data


@pytest.mark.parametrize(("basename", "viewset"), ENDPOINTS, ids=IDS)
def test_a_record_not_found_is_a_404_in_the_errors_shape(client, drafts, basename, viewset):
    missing = {"slug": "no-such-record", "pk": 999999}[viewset.lookup_field]
    address = reverse(f"api:{basename}-detail", kwargs={viewset.lookup_field: missing})
    response, data = get_json(client, address)
    assert response.status_code == 404 and data["detail"]
    response, data = get_json(client, f"{reverse(f'api:{basename}-list')}?page=999")
    assert response.status_code == 404 and data["detail"]


def test_any_site_may_read_the_api(client, drafts):
    address = reverse("api:decision-list")
    response = client.get(address, HTTP_ORIGIN="https://newsroom.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        address,
        HTTP_ORIGIN="https://newsroom.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    # The site's pages are not for other sites' scripts.
    page = client.get(reverse("plenaries:decision-list"), HTTP_ORIGIN="https://newsroom.example")
    assert "Access-Control-Allow-Origin" not in page


def test_a_reader_asking_too_often_is_told_to_wait(client, drafts):
    cache.clear()
    with override_settings(API_RATE="3/minute"):
        answers = [client.get(reverse("api:topic-list")) for _ in range(4)]
    cache.clear()
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert int(answers[-1]["Retry-After"]) > 0
    assert json.loads(answers[-1].content)["detail"]


def test_the_schema_documents_every_endpoint_and_its_filters(client, drafts):
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for basename, viewset in ENDPOINTS:
        listed = reverse(f"api:{basename}-list")
        assert listed in paths
        parameters = {p["name"]: p for p in paths[listed]["get"]["parameters"]}
        assert {"page", "page_size"} <= set(parameters)
        if viewset.filterset_class is not None:
            assert set(viewset.filterset_class.base_filters) <= set(parameters)
        for code in ("200", "304", "400", "404", "429"):
            assert code in paths[listed]["get"]["responses"], (listed, code)
    year = {p["name"]: p for p in paths["/api/v1/decisions/"]["get"]["parameters"]}["year_from"]
    assert year["schema"] == {"type": "integer", "minimum": 2000, "maximum": 2100}


def test_the_documentation_page_loads_nothing_from_another_host(client, drafts):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    page = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    assert all(asset.startswith("/") and not asset.startswith("//") for asset in assets), assets
    assert "<style" not in page and "<script>" not in page  # no inline style or script
