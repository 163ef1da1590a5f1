from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class PlenariesConfig(AppConfig):
    name = "plenaries"
    verbose_name = _("The record")

    def ready(self):
        from .search import register_fold

        # SQLite's search ignores accents through a function each connection is given.
        connection_created.connect(register_fold)
