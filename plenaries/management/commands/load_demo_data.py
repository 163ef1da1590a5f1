from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from plenaries.loading import DEMO_DATA, DataError, load_record


class Command(BaseCommand):
    help = "Load the sourced demo record (plenaries/data/kp_record.yaml). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=DEMO_DATA, help="Another data file.")

    def handle(self, *args, path, **options):
        try:
            counts = load_record(path)
        except (DataError, ValidationError, KeyError, OSError) as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo record loaded: {summary}."))
