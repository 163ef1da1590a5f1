"""WSGI entry point: `gunicorn kp_tracker.wsgi` or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kp_tracker.settings")

application = get_wsgi_application()
