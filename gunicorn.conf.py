"""gunicorn's settings for KP Tracker in production: `gunicorn -c gunicorn.conf.py`.

Each can be set from the environment, as README.md's "Deploying" section lists."""

import os

wsgi_app = "kp_tracker.wsgi:application"
bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# Sync workers: every page is a few milliseconds of Python and a few queries. Two per core plus
# one is gunicorn's own advice.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
# Each worker loads the application itself (no preload_app), so that HUP after an upgrade starts
# workers on the new code: preloaded, they would be forked from the master's old copy. A broken
# setting still stops the server, when its first worker fails to boot.
# A worker still busy after this long is killed. The site's own bounds end a request well before
# it, with the 503 page: the database's timeouts and REQUEST_TIMEOUT (kp_tracker/health.py).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Each worker is replaced now and then, so that a slow leak can never grow without bound; but
# rarely, since a replacement costs the requests queued at that moment a wait of up to a second
# and empties the worker's page cache: every 2,000 requests made robots.txt's 99th percentile
# 17 to 49 times its median under load, where it is 1.6 to 2 times without (docs/performance.md).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10

# The load balancer in front sets X-Forwarded-Proto; gunicorn believes it only from these
# addresses, and Django asks gunicorn (kp_tracker/settings.py).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Request lines and headers stay within gunicorn's limits; Django limits bodies. A request line
# may be as long as gunicorn allows: a search of 500 characters (the search boxes' maxlength)
# can take 4,500 bytes once percent-encoded, with the list's filters beside it.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None  # "-" for standard output
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

# gunicorn's control socket is one path per user, which a second instance on the same machine
# would take over; KP Tracker is managed by signals, as README.md says.
control_socket_disable = True
