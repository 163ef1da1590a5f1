from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PlenariesConfig(AppConfig):
    name = "plenaries"
    verbose_name = _("The record")

    def ready(self):
        from .search import register_fold

        # SQLite's search ignores accents through a function each connection is given.
        connection_created.connect(register_fold)
        # The roles after every migrate or flush, as Django makes the permissions they hold: a
        # new model's permissions join them, and a database emptied by a test has them again.
        post_migrate.connect(update_roles, sender=self)


def update_roles(sender, using, apps=global_apps, **kwargs):
    """The roles, from the models as `migrate` left them (`apps`: its state, whose apps know
    each other by label only, so that `apps.is_installed("django.contrib.auth")` is never true)."""
    from .roles import ensure_roles

    try:
        group, permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    except LookupError:  # no django.contrib.auth
        return
    ensure_roles(group, permission, using)
