"""No query string makes a public page fail: every public route, in both languages, asked with
random query strings, answers 200, 400 or 404, never a server error.

The keys are every filter of the site's FilterSets and the API's paging, mixed with random ones;
the values random text (any unicode, NUL included), very long text, huge and negative numbers,
dates, empty values, keys repeated, and malformed percent-encoding. A few examples per route, the
same ones on every CI run (derandomized)."""

import os
from urllib.parse import urlencode

import django_filters
import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plenaries import filters
from tests.routes import FILE_ROUTES, record_arguments, served_model, url_names

LANGUAGES = ["en", "fr"]
# Routes that answer any GET with a redirect, by design: the language switch sends the reader
# back where they came from (its form is a POST), and the latest download redirects to its
# version's file once one is built (this module builds none, so it is not found).
REDIRECTS = {"set_language": {302}}
ANSWERS = {200, 400, 404}

FILTER_KEYS = sorted(
    {
        name
        for filterset in vars(filters).values()
        if isinstance(filterset, type) and issubclass(filterset, django_filters.FilterSet)
        for name in filterset.base_filters
    }
    | {"page", "page_size", "format", "next", "language"}
)
ROUTES = [name for name, _pattern in url_names()]

values = st.one_of(
    st.text(),
    st.text(max_size=5).map(lambda text: text * 1000),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.dates().map(str),
    st.sampled_from(["", "0", "-1", "1e400", "NaN", "\x00", "../../etc/passwd", "<script>"]),
)
keys = st.sampled_from(FILTER_KEYS) | st.text(min_size=1, max_size=20)
query_strings = st.tuples(
    st.lists(st.tuples(keys, values), max_size=6),
    st.sampled_from(["", "&%", "&q=%zz", "&%00=%ff%fe", "&&==&", "&page=%E2%80%8B"]),
).map(lambda parts: urlencode(parts[0]) + parts[1])


def address(name, language):
    """The route's address, naming its first published record where it takes one."""
    _, pattern = next(route for route in url_names() if route[0] == name)
    kwargs = FILE_ROUTES.get(name, {})
    if pattern.pattern.regex.groupindex and not kwargs:
        record = served_model(pattern).objects.published().order_by("pk").first()
        assert record is not None, f"the demo record has nothing for {name}"
        kwargs = record_arguments(pattern, record)
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ROUTES)
@settings(
    max_examples=3,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=query_strings)
def test_no_query_string_gives_a_server_error(client, demo_record, name, language, query):
    response = client.get(f"{address(name, language)}?{query}")
    assert response.status_code in REDIRECTS.get(name, ANSWERS), query
