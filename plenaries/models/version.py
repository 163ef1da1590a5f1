"""How many times the record has changed, and when it last did, counted by the database itself."""

from django.db import models


class RecordVersion(models.Model):
    """One row: a number that a trigger on every table of the record counts up, in the same
    transaction as the change it records (migrations 0021 to 0023), and the time it did. Every
    server reads the same row, in the order the changes committed, so that pages kept in memory
    (plenaries.page_cache) and the API's conditional requests are keyed by it. Not a record of the
    Kimberley Process: no history of its own."""

    number = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, editable=False)

    def __str__(self):
        return str(self.number)
