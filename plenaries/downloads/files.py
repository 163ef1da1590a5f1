"""A version's files, as bytes, kept in the database (DownloadFile): the whole record as one JSON
file, a Frictionless Data Package (https://specs.frictionlessdata.io/data-package/) of one CSV
file per table, and a zip of both."""

import csv
import hashlib
import io
import json
import zipfile

from plenaries.models import DownloadFile

# /downloads/<name> serves the files (views.data), by the names they have in the zip.
NAME = "kp-tracker"
TITLE = "KP Tracker: the public record of the Kimberley Process"
DESCRIPTION = (
    "Meetings, participants and their status over time, chairmanships, decisions and who "
    "proposed, supported or objected to them, statements, working bodies, topics and the sources "
    "each fact cites: every published record, one table per kind of record and one per link "
    "between them. A column ending in _id names a row of another table, and is empty where that "
    "record is not public. A date known only to the month or year is its first day, its "
    "precision in the column <date>_precision beside it."
)
# The site's licence (its footer, templates/base.html).
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def base_name(version):
    """The files' common name: kp-tracker-2025-03-01 (.json, .zip, /datapackage.json)."""
    return f"{NAME}-{version.isoformat()}"


def json_file(version, created, site, rows):
    """The whole record as one JSON document: {table: [row objects]} with what it is."""
    document = {
        "name": NAME,
        "title": TITLE,
        "version": version.isoformat(),
        "created": created.isoformat(),
        "license": LICENSE,
        "source": site,
        "tables": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def cell(value):
    """A JSON value as a CSV cell: empty for null, true or false, else its text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_file(table, rows):
    """A table as CSV (RFC 4180), a header of its column names first. Text is written as it is,
    not neutralised for spreadsheets as the lists' CSV files are: the data package's values must
    be the record's, which its schema describes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    names = [column.name for column in table.columns]
    writer.writerow(names)
    writer.writerows([cell(row[name]) for name in names] for row in rows)
    return buffer.getvalue().encode()


def package_files(version, created, site, homepage, every_table, rows):
    """{name in the package: bytes}: each table's CSV file and datapackage.json, which
    describes them: the package, and each table with its Table Schema, size and hash."""
    files = {f"{table.name}.csv": csv_file(table, rows[table.name]) for table in every_table}
    resources = []
    for table in every_table:
        content = files[f"{table.name}.csv"]
        resources.append(
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "description": table.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(content),
                "hash": f"sha256:{hashlib.sha256(content).hexdigest()}",
                "schema": table.schema(),
            }
        )
    descriptor = {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": version.isoformat(),
        "created": created.isoformat(),
        "homepage": homepage,
        "licenses": [LICENSE],
        "sources": [{"title": "KP Tracker", "path": site}],
        "resources": resources,
    }
    descriptor_file = json.dumps(descriptor, ensure_ascii=False, indent=1).encode()
    return {"datapackage.json": descriptor_file, **files}


def zip_file(files, created):
    """{name: bytes} in one zip, each dated when the version was made."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            entry = zipfile.ZipInfo(name, date_time=created.timetuple()[:6])
            archive.writestr(entry, content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


CONTENT_TYPES = {
    "json": "application/json",
    "zip": "application/zip",
    "csv": "text/csv; charset=utf-8",
}


def save(download, files):
    """Make {name: bytes} the files of `download`, replacing those of the same day's version
    built before (a rebuilt package keeps no table the new version no longer has)."""
    download.stored_files.all().delete()
    DownloadFile.objects.bulk_create(
        DownloadFile(
            download=download,
            name=name,
            content=content,
            content_type=CONTENT_TYPES[name.rsplit(".", 1)[1]],
            size=len(content),
        )
        for name, content in files.items()
    )


def read_json(name):
    """A version's JSON file, read back; None when it is missing or unreadable."""
    stored = DownloadFile.objects.filter(name=name).values_list("content", flat=True).first()
    try:
        return json.loads(bytes(stored)) if stored is not None else None
    except ValueError:
        return None
