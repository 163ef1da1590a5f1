import argparse
import datetime

from django.core.management.base import BaseCommand

from plenaries.downloads import build


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date written as YYYY-MM-DD."
        ) from error


class Command(BaseCommand):
    help = (
        "Build the full open-data download of the published record (a JSON file, a data package "
        "of CSV files and a zip of both) into the default storage under downloads/, and record "
        "what changed since the previous version; /data/ offers it. Rebuilding on the same day "
        "replaces that day's version. Run it after edits, or daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=iso_date, help="The version's date, YYYY-MM-DD (default: today)."
        )

    def handle(self, *args, date=None, **options):
        download = build(version=date)
        rows = sum(download.row_counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Download {download.version} built: {rows} rows in "
                f"{len(download.row_counts)} tables, {download.files['zip']['name']}."
            )
        )
        if download.compared_with:
            total = download.total_changes()
            self.stdout.write(
                f"Since {download.compared_with}: {total['added']} rows added, "
                f"{total['changed']} changed, {total['removed']} removed."
            )
        else:
            self.stdout.write("No earlier version to compare it with.")
