"""The full open-data download of the published record, one version a day.

`build()` (the `build_downloads` command) reads every table (.tables), makes the version's files
(.files), compares the version with the one before it (.changes) and keeps what it holds in a
Download row and its files in DownloadFile rows, in the database that every application server
shares, which /data/ shows and /downloads/<name> serves (plenaries.views.data). Rebuilding on the
same day replaces that day's version.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from plenaries.models import Download

from . import files
from .changes import compare
from .tables import read, tables

__all__ = ["build"]


def build(version=None, now=None):
    """Build the download of the published record as it stands, as the version of the date
    `version` (today), made at `now`; return its Download."""
    now = now or timezone.now()
    version = version or timezone.localdate(now)
    every_table = tables()
    rows = read(every_table)

    site = settings.SITE_URL
    with translation.override(settings.LANGUAGE_CODE):
        homepage = f"{site}{reverse('plenaries:data')}"
    base = files.base_name(version)
    json_file = files.json_file(version, now, site, rows)
    package = files.package_files(version, now, site, homepage, every_table, rows)
    in_package = {f"{base}/{name}": content for name, content in package.items()}
    zip_file = files.zip_file({f"{base}.json": json_file, **in_package}, now)

    previous = Download.objects.filter(version__lt=version).first()
    changes = None
    if previous is not None:
        before = files.read_json(previous.files["json"]["name"])
        if before is not None:
            keys = {table.name: table.primary_key for table in every_table}
            changes = compare(before["tables"], rows, keys)

    with transaction.atomic():  # readers see the version whole, or the one it replaces
        download, _created = Download.objects.update_or_create(
            version=version,
            defaults={
                "created_at": now,
                "row_counts": {table: len(table_rows) for table, table_rows in rows.items()},
                "changes": changes,
                "compared_with": previous.version if changes is not None else None,
                "files": {
                    "json": {"name": f"{base}.json", "size": len(json_file)},
                    "package": {
                        "name": f"{base}/datapackage.json",
                        "size": sum(len(content) for content in package.values()),
                    },
                    "zip": {"name": f"{base}.zip", "size": len(zip_file)},
                },
            },
        )
        files.save(download, {f"{base}.json": json_file, **in_package, f"{base}.zip": zip_file})
    return download
