"""The open data: the page that offers the full download of the record (/data/), and its files
(/downloads/<name>), served from the database where `build_downloads` keeps them."""

import io
import re

from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

from plenaries.downloads import files
from plenaries.models import Download, DownloadFile

# Addresses that always lead to the latest version's file of a kind.
LATEST = {f"{files.NAME}-latest.json": "json", f"{files.NAME}-latest.zip": "zip"}
# The names of a version's files; any other is not found, so that no name reaches outside the
# downloads (no "..", no absolute path, however encoded).
FILE_NAME = re.compile(
    rf"{files.NAME}-\d{{4}}-\d{{2}}-\d{{2}}"
    r"(?:\.json|\.zip|/datapackage\.json|/[a-z][a-z0-9_]*\.csv)"
)
# A version's files are rebuilt when the day's version is: caches may keep one for an hour, then
# ask again, and the ETag spares sending it again unchanged.
CACHE_CONTROL = "public, max-age=3600"


def download_url(name):
    return reverse("download", kwargs={"name": name})


def offered(download):
    """{"json" | "package" | "zip": {"name", "size", "url"}}: the files /data/ offers."""
    return {
        kind: {**entry, "url": download_url(entry["name"])}
        for kind, entry in download.files.items()
    }


def open_data(request):
    """The latest download with its tables and what changed, the older versions, and the other
    ways to take the data away. One query."""
    versions = list(Download.objects.all())
    for version in versions:
        version.offered = offered(version)
    latest = versions[0] if versions else None
    return render(
        request,
        "plenaries/data.html",
        {
            "latest": latest,
            "older": versions[1:],
            "changes": latest.change_counts() if latest else [],
            "total": latest.total_changes() if latest else {},
            "latest_urls": {kind: download_url(name) for name, kind in LATEST.items()},
        },
    )


@require_safe
def download_file(request, name):
    """A file of the downloads, with what a cache or a script needs to ask for it again only
    when it changed; the latest addresses redirect to the latest version's file."""
    if name in LATEST:
        latest = Download.objects.only("files").first()
        if latest is None:
            raise Http404("No download has been built yet.")
        response = HttpResponseRedirect(download_url(latest.files[LATEST[name]]["name"]))
        response["Cache-Control"] = "no-cache"  # the next version is a new address
        return response
    if not FILE_NAME.fullmatch(name):
        raise Http404("No such download.")
    stored = (
        DownloadFile.objects.filter(name=name)
        .select_related("download")
        .only("size", "content_type", "download__created_at")
        .first()
    )
    if stored is None:
        raise Http404("No such download.")
    modified = int(stored.download.created_at.timestamp())
    etag = quote_etag(f"{modified:x}-{stored.size:x}")
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = FileResponse(
            io.BytesIO(stored.content),  # read now, in a second query: a 304 spares it
            content_type=stored.content_type,
            filename=name.rsplit("/", 1)[-1],
        )
        response["Content-Length"] = stored.size
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = CACHE_CONTROL
    return response
