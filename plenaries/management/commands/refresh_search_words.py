from django.core.management.base import BaseCommand

from plenaries.models import SearchWord
from plenaries.search import full_text_available, refresh_search_words


class Command(BaseCommand):
    help = (
        'Rebuild the list of the record\'s words that search suggestions ("did you mean") '
        "draw on. Run it after large edits or imports, or daily from cron. PostgreSQL only."
    )

    def handle(self, *args, **options):
        if not full_text_available():
            self.stdout.write("Suggestions need PostgreSQL; nothing to do on this database.")
            return
        refresh_search_words()
        self.stdout.write(self.style.SUCCESS(f"{SearchWord.objects.count()} words indexed."))
