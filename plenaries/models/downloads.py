"""The versions of the open-data download built so far (plenaries.downloads)."""

from django.db import models

# What a version says of each table's rows against the version before it.
CHANGE_KINDS = ("added", "changed", "removed")


class Download(models.Model):
    """One version of the full open-data download, by date: its files and what it holds.

    Not a record of the Kimberley Process but the site's own bookkeeping, so that every
    application server reads the same versions, and their files (DownloadFile), from the
    database: it has no history, no publication state, and no table in the download itself.
    """

    version = models.DateField(unique=True)
    created_at = models.DateTimeField()
    # {table: rows}. PostgreSQL's jsonb keeps no order of keys: tables() gives them by name.
    row_counts = models.JSONField(default=dict)
    # {table: {"added": [ids], "changed": [ids], "removed": [ids]}} for each table with a change
    # since `compared_with`, a link table's ids being [one end, the other]; None when there was
    # no earlier version to compare with.
    changes = models.JSONField(null=True, blank=True)
    compared_with = models.DateField(null=True, blank=True)
    # {"json" | "package" | "zip": {"name": the file's, "size": bytes}}; the package's size
    # is that of its descriptor and every table's CSV file.
    files = models.JSONField(default=dict)

    class Meta:
        ordering = ("-version",)
        get_latest_by = "version"

    def __str__(self):
        return self.version.isoformat()

    @property
    def package_directory(self):
        return self.files["package"]["name"].rsplit("/", 1)[0]

    def file_names(self):
        """Every file of this version: the JSON, the data package's descriptor and CSV files,
        and the zip."""
        files = self.files
        tables = [f"{self.package_directory}/{table}.csv" for table, _rows in self.tables()]
        return [files["json"]["name"], files["package"]["name"], *tables, files["zip"]["name"]]

    def tables(self):
        """[(table, rows)] by name, as the download has them."""
        return sorted(self.row_counts.items())

    def change_counts(self):
        """[{"table", "added", "changed", "removed": how many rows}] for each table with a
        change, by name."""
        return [
            {"table": table, **{kind: len(change.get(kind, ())) for kind in CHANGE_KINDS}}
            for table, change in sorted((self.changes or {}).items())
        ]

    def total_changes(self):
        """{"added", "changed", "removed": how many rows in all tables}."""
        rows = self.change_counts()
        return {kind: sum(row[kind] for row in rows) for kind in CHANGE_KINDS}


class DownloadFile(models.Model):
    """One file of a version of the download, held in the database rather than on an
    application server's disk, so that any number of servers serve the same bytes.

    The files of a version are a few hundred kilobytes (docs/operations.md); /downloads/<name>
    serves them (plenaries.views.data)."""

    download = models.ForeignKey(Download, on_delete=models.CASCADE, related_name="stored_files")
    # Its address under /downloads/: kp-tracker-2025-03-01.zip, kp-tracker-2025-03-01/topics.csv.
    name = models.CharField(max_length=200, unique=True)
    content = models.BinaryField()
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self):
        return self.name
