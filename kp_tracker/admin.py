"""The editorial admin site: the record first, in the order an editor reaches for it."""

from django.contrib import admin

RECORD_APP = "plenaries"
# The record's tables: what happened, who took part, what it rests on, then the rows that
# belong to one record and are mostly edited from its form. Any table not named comes after.
RECORD_ORDER = (
    "meeting", "decision", "statement", "participant", "chairmanship",
    "source", "workingbody", "topic",
    "position", "quotation", "reportedfigure", "participantname", "statusperiod",
)  # fmt: skip
# Accounts and sign-in lockouts (django-axes): looked after now and then, so they come last.
LAST_APPS = ("auth", "axes")


def app_rank(app):
    label = app["app_label"]
    if label == RECORD_APP:
        return (0, 0)
    if label in LAST_APPS:
        return (2, LAST_APPS.index(label))
    return (1, 0)


def model_rank(model):
    name = model["model"]._meta.model_name
    return RECORD_ORDER.index(name) if name in RECORD_ORDER else len(RECORD_ORDER)


class EditorialSite(admin.AdminSite):
    """admin.site: installed by kp_tracker.apps.EditorialAdminConfig, configured in
    plenaries.admin."""

    def get_app_list(self, request, app_label=None):
        app_list = sorted(super().get_app_list(request, app_label), key=app_rank)
        for app in app_list:
            if app["app_label"] == RECORD_APP:
                app["models"].sort(key=model_rank)
        return app_list
