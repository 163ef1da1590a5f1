"""How a reader cites a record, and how machines read it: "cite this" and JSON-LD."""

import json
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# As django.utils.html.json_script does: the JSON can never close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")
# Dates in a citation as the page's language writes them: "12 November 2024", "12 novembre 2024".
CITED_DATE = "j F Y"


def public_title(record):
    """The record's own title or name. Not str(record): that is the admin's label, which names
    the related records (a decision's meeting) whether or not they are published."""
    return getattr(record, "title", None) or getattr(record, "name", None) or str(record)


def bibtex_escape(text):
    return BIBTEX_SPECIAL.sub(r"\\\1", str(text))


@register.inclusion_tag("includes/cite.html", takes_context=True)
def cite(context, record, title=None):
    """The "cite this" block: a plain-text reference and a BibTeX entry for `record`."""
    title = title or public_title(record)
    request = context["request"]
    url = request.build_absolute_uri(record.get_absolute_url())
    accessed = timezone.localdate()
    key = f"kptracker-{record._meta.model_name}-{record.slug}"
    year = record.updated_at.year
    bibtex = "\n".join(
        [
            f"@misc{{{key},",
            f"  title = {{{bibtex_escape(title)}}},",
            "  author = {{KP Tracker}},",
            f"  year = {{{year}}},",
            f"  howpublished = {{\\url{{{url}}}}},",
            f"  note = {{Accessed {accessed:%Y-%m-%d}}}",
            "}",
        ]
    )
    return {
        "title": title,
        "updated": date_format(timezone.localtime(record.updated_at), CITED_DATE),
        "url": url,
        "accessed": date_format(accessed, CITED_DATE),
        "bibtex": bibtex,
        "record_language": context.get("record_language"),
    }


@register.filter
def jsonld(data):
    """A schema.org description as <script type="application/ld+json">, safely escaped."""
    encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    escaped = encoded.translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(escaped))  # noqa: S308 - JSON with <, > and & escaped above


@register.simple_tag(takes_context=True)
def structured_data(context, record):
    """schema.org JSON-LD for a record page: an Event for a meeting, a CreativeWork otherwise."""
    request = context["request"]
    url = request.build_absolute_uri(record.get_absolute_url())
    if record._meta.model_name == "meeting":
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": f"Kimberley Process {record}",
            "url": url,
            "eventAttendanceMode": {
                "hybrid": "https://schema.org/MixedEventAttendanceMode",
                "virtual": "https://schema.org/OnlineEventAttendanceMode",
                "in-person": "https://schema.org/OfflineEventAttendanceMode",
            }.get(record.format),
            "startDate": record.starts_on,
            "endDate": record.ends_on,
            "location": {"@type": "Place", "name": record.place} if record.place else None,
            "organizer": {"@type": "Organization", "name": "Kimberley Process"},
            "description": record.summary or None,
        }
    else:
        data = {
            "@context": "https://schema.org",
            "@type": "CreativeWork",
            "name": public_title(record),
            "url": url,
            "dateModified": record.updated_at,
            "publisher": {"@type": "Organization", "name": "KP Tracker"},
        }
    return jsonld({key: value for key, value in data.items() if value is not None})
