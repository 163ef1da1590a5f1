from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from plenaries.calendar import meetings_calendar
from plenaries.sitemaps import SITEMAPS
from plenaries.views import RobotsView, download_file

# Pages in English at /meetings/..., in French at /fr/meetings/...; machine-read files once.
urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("meetings.ics", meetings_calendar, name="meetings-calendar"),
    path("api/", include("plenaries.api.urls")),
    # The open-data download's files (plenaries.views.data), one address in every language.
    path("downloads/<path:name>", download_file, name="download"),
    *i18n_patterns(path("", include("plenaries.urls")), prefix_default_language=False),
]

# The 500 page, or the 503 page when the database is down or hung. /healthz is answered by
# kp_tracker.health's middleware, before any of these.
handler500 = "kp_tracker.health.server_error"
