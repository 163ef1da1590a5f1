"""Schemathesis against the running application: every operation of the API's own OpenAPI
schema, asked with values the schema allows and values it forbids, on the demo record. No answer
may be a server error, and every answer must be one the schema documents, in the shape it gives.

It runs beside the browser tests because it needs what they need: pytest-django's live server,
a real HTTP server in a thread of its own, reading a committed demo record."""

import pytest
import schemathesis
from hypothesis import HealthCheck, assume, given, settings
from schemathesis import GenerationMode

from tests.conftest import load_demo_record

# Cases per operation and mode: enough to meet every filter and both kinds of path, within
# about half a minute for the whole API.
EXAMPLES = 20


def check_operation(operation, mode, base_url):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,  # the same cases on every run: a failure is one anyone can repeat
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def asked(case):
        if mode is GenerationMode.POSITIVE:
            # The one rule no OpenAPI schema can state: a range of years that ends before it
            # starts is refused (a 400 that says so), as the decisions page refuses it.
            query = case.query or {}
            if "year_from" in query and "year_to" in query:
                assume(int(query["year_from"]) <= int(query["year_to"]))
        case.call_and_validate(base_url=base_url)

    asked()


def forbids_anything(operation):
    """Whether some value of a parameter of `operation` goes against the schema and can be
    sent: anything but text, where a slug's pattern only forbids the "/" no path segment can
    carry."""
    for parameter in operation.iter_parameters():
        schema = dict(parameter.definition["schema"])
        schema.pop("description", None)
        if parameter.definition["in"] == "path" and schema.get("pattern") == "^[^/]+$":
            schema.pop("pattern")
        if schema != {"type": "string"}:
            return True
    return False


def test_every_api_operation_answers_as_its_schema_says(live_server):
    load_demo_record()
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/?format=json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14  # a list and a record for each of the seven endpoints
    for operation in operations:
        try:
            check_operation(operation, GenerationMode.POSITIVE, live_server.url)
        except Exception as error:
            pytest.fail(f"{operation.label}: {error}")
        if not forbids_anything(operation):
            continue  # a record's address takes any slug: no value it forbids to ask with
        try:
            check_operation(operation, GenerationMode.NEGATIVE, live_server.url)
        except Exception as error:
            pytest.fail(f"{operation.label}, values the schema forbids: {error}")
