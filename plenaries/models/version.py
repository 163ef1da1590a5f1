"""How many times the record has changed, counted by the database itself."""

from django.db import models


class RecordVersion(models.Model):
    """One row: a number that a trigger on every history table counts up, in the same
    transaction as the change it records (migration 0021). Every server reads the same number,
    in the order the changes committed, so that pages kept in memory are keyed by it
    (plenaries.page_cache). Not a record of the Kimberley Process: no history of its own."""

    number = models.BigIntegerField(default=0)

    def __str__(self):
        return str(self.number)
