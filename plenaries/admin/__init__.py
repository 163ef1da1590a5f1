"""The editorial admin, one module per concept. Importing them registers every model."""

from django.contrib import admin

from . import decisions, meetings, participants, statements  # noqa: F401

admin.site.site_header = "KP Tracker: editorial"
admin.site.site_title = "KP Tracker editorial"
admin.site.index_title = "The Kimberley Process record"
# Changelists need the width more than a second copy of the model list.
admin.site.enable_nav_sidebar = False
