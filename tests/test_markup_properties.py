"""Properties of the Markdown renderer (plenaries.markup) over random text and an XSS corpus
(tests/data/xss.txt, after OWASP's filter evasion cheat sheet), alone, inside random text and
inside Markdown links, images and emphasis."""

import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plenaries.markup import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    LINK_REL,
    URL_SCHEMES,
    render_markdown,
    sanitised,
)

CORPUS = [
    line.replace("\\n", "\n")
    for line in (Path(__file__).parent / "data" / "xss.txt").read_text().splitlines()
    if line and not line.startswith("#")
]
# nh3 adds rel to every link (LINK_REL); the renderer allows no other attribute beyond its list.
DECLARED = {
    tag: {*ALLOWED_ATTRIBUTES.get(tag, ()), *(["rel"] if tag == "a" else [])}
    for tag in ALLOWED_TAGS
}
URL_ATTRIBUTES = {"href", "src"}
# What a browser ignores in a URL's scheme: ASCII white space and control characters.
IGNORED = re.compile(r"[\x00-\x20\x7f]+")

# Random text, a payload, or a payload inside random text or a Markdown construct.
payloads = st.sampled_from(CORPUS)
texts = st.one_of(
    st.text(),
    payloads,
    st.tuples(st.text(max_size=20), payloads, st.text(max_size=20)).map("".join),
    st.tuples(
        st.sampled_from(["[x]({})", "![x]({})", "*{}*", "> {}", "- {}", "[{}](http://ok.example)"]),
        payloads,
    ).map(lambda parts: parts[0].format(parts[1])),
    st.lists(payloads, min_size=2, max_size=4).map("\n\n".join),
)
EXAMPLES = settings(max_examples=300, deadline=None, derandomize=os.environ.get("CI") == "true")


class Elements(HTMLParser):
    """Every element of a page as (tag, {attribute: value}), entities decoded."""

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def scheme(url):
    """The scheme a browser reads in `url`, lower-cased, or "" for a relative address."""
    found = re.match(r"([a-z][a-z0-9+.-]*):", IGNORED.sub("", html.unescape(url)).lower())
    return found.group(1) if found else ""


def only_declared_tags_and_attributes(text):
    for tag, attributes in Elements(render_markdown(text)).elements:
        assert tag in ALLOWED_TAGS, (text, tag)
        assert set(attributes) <= DECLARED[tag], (text, tag, attributes)
        if "rel" in attributes:
            assert attributes["rel"] == LINK_REL


def no_script_or_data_url(text):
    """Every href and src, entities decoded and what browsers ignore removed, is relative or of
    an allowed scheme: never javascript:, vbscript: or data:."""
    for _tag, attributes in Elements(render_markdown(text)).elements:
        for name in URL_ATTRIBUTES & set(attributes):
            assert scheme(attributes[name] or "") in {"", *URL_SCHEMES}, (text, attributes)


def idempotent(text):
    """sanitised(render_markdown(t)) == render_markdown(t) for every text t: the output is a
    fixed point of the sanitiser, so nothing it lets through depends on a first pass having
    removed something around it."""
    rendered = str(render_markdown(text))
    assert sanitised(rendered) == rendered


PROPERTIES = [only_declared_tags_and_attributes, no_script_or_data_url, idempotent]


@pytest.mark.parametrize("check", PROPERTIES)
@pytest.mark.parametrize("payload", CORPUS)
def test_every_payload_of_the_corpus_renders_safely(payload, check):
    check(payload)


@pytest.mark.parametrize("check", PROPERTIES)
@EXAMPLES
@given(text=texts)
def test_random_text_and_payloads_in_context_render_safely(check, text):
    check(text)


def test_the_corpus_is_read_whole():
    """A guard on the data file: every payload is there, and each is rendered safely above."""
    assert len(CORPUS) >= 75
    assert any("javascript:" in payload.lower() for payload in CORPUS)
    assert any("\n" in payload for payload in CORPUS)
