"""Editors write long texts in Markdown; readers get HTML that can never run a script."""

import functools

import markdown
import nh3
from django.utils.safestring import mark_safe

# Markdown's own HTML passes through; nh3 (the Ammonia sanitiser) then keeps only harmless tags and
# attributes: no <script>, no event handlers, no javascript: links.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h3", "h4", "h5", "h6", "hr", "i", "li",
    "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


URL_SCHEMES = {"http", "https", "mailto"}
# Added to every link, which may lead off the site.
LINK_REL = "noopener noreferrer nofollow"


@functools.lru_cache(maxsize=256)
def render_markdown(text):
    """Markdown to sanitised HTML, safe to insert in a page as it is. The texts rendered last are
    kept: a page shows the same few at each request, and each costs a Markdown parser built
    anew (about a tenth of a decision's page, docs/performance.md)."""
    html = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    return mark_safe(sanitised(html))  # noqa: S308 - sanitised by nh3


def sanitised(html):
    """`html` with only the allowed tags, attributes and link schemes left."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
    )
