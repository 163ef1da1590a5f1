"""Pages under load in the production configuration: `make bench-load`.

Sets up a PostgreSQL database of its own with the demo record as `make serve` does (vacuumed and
analyzed, as autovacuum would), then starts two gunicorn servers with gunicorn.conf.py and `make
serve`'s environment on loopback: one with the page cache (plenaries.page_cache) and one without
(PAGE_CACHE=false). Each page of each server is asked for two seconds unmeasured first, so that
every worker has its connection and, with the cache, the page. Then wrk asks each page of each
server with BENCH_CONNECTIONS connections for BENCH_SECONDS seconds, one after the other (once
the server has answered what the last run left queued), with robots.txt (a view of no query and
no template) before the first page and after each: a page's ratio is to the mean of the two
robots.txt runs beside it, so that a machine slower or faster over the minutes of the run weighs
on both sides alike (robots.txt's own runs differ by up to a quarter on this machine). It prints
each page's requests per second, median and 99th percentile latency, errors (socket errors, a
request unanswered within gunicorn's 30 s timeout among them, and answers other than 2xx or 3xx)
and its ratio, all measured in the same run, then which targets are met.

Environment: BENCH_LOAD_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/kp_tracker_load),
BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50), BENCH_PORT (default 8220; the
uncached server takes the next port), WEB_CONCURRENCY (gunicorn's workers).
"""

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))

from ensure_database import ensure_database  # noqa: E402

DATABASE_URL = os.environ.get(
    "BENCH_LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kp_tracker_load"
)
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "50"))
PORT = int(os.environ.get("BENCH_PORT", "8220"))
WARM_UP_SECONDS = 2
PYTHON = str(PROJECT / ".venv" / "bin" / "python")
GUNICORN = str(PROJECT / ".venv" / "bin" / "gunicorn")

# The pages of the demo record the issue measured, by kind.
PAGES = {
    "home": "/",
    "meeting": "/meetings/2024-dubai/",
    "decision": "/decisions/2024-car-export-restrictions-lifted/",
    "participant": "/participants/russian-federation/",
    "decisions?blocked": "/decisions/?outcome=blocked",
    "search": "/search/?q=enhanced+vigilance",
}
# The least share of robots.txt's requests per second each page must reach.
CACHED_TARGET = 0.8
UNCACHED_TARGETS = {"meeting": 0.25, "decision": 0.25, "participant": 0.25, "search": 0.1}
TAIL_TARGET = 5  # p99 at most this many times p50

# `make serve`'s environment: production settings over plain HTTP.
SERVE_ENV = {
    "DEBUG": "false",
    "DATABASE_URL": DATABASE_URL,
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "SECURE_HSTS_SECONDS": "0",
    "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
}


def environment(**more):
    return {**os.environ, **SERVE_ENV, **more}


def manage(*args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=PROJECT, env=environment(), check=True)


def set_up():
    """The database and static files, as `make serve` prepares them."""
    ensure_database(DATABASE_URL)
    manage("collectstatic", "--no-input", "--verbosity", "0")
    manage("migrate", "--no-input", "--verbosity", "0")
    manage("createcachetable")
    manage("load_demo_data")
    manage("build_downloads")
    # The steady state autovacuum keeps, which it would otherwise reach in the middle of a run.
    with psycopg.connect(DATABASE_URL, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def start_server(port, page_cache):
    env = environment(PORT=str(port), PAGE_CACHE=page_cache)
    server = subprocess.Popen(
        [GUNICORN, "-c", "gunicorn.conf.py"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    address = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{address}/robots.txt", timeout=1)
            return server, address
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn on port {port} stopped; is the port taken?") from None
            time.sleep(0.1)
    raise SystemExit(f"gunicorn on port {port} did not answer within 30 s")


def stop(server):
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def number(text):
    """wrk's figures: 12.34ms, 1.2s, 850us, 1.5k."""
    value, unit = re.fullmatch(r"([\d.]+)(\w*)", text).groups()
    scale = {"us": 0.001, "ms": 1, "s": 1000, "m": 60000, "k": 1000, "M": 1e6, "": 1}[unit]
    return float(value) * scale


def load(url, seconds=SECONDS):
    """wrk's figures for `url`: requests per second, p50 and p99 in ms, errors."""
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = number(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = number(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = sum(
        int(count)
        for count in re.findall(r"(?:connect|read|write|timeout) (\d+)", output)
        + re.findall(r"Non-2xx or 3xx responses: (\d+)", output)
    )
    return rate, p50, p99, errors


def drain(url):
    """Wait until the server has answered what wrk left queued when it stopped, so that the next
    page is measured alone: until it answers robots.txt within a quarter of a second."""
    robots = url[: url.index("/", len("http://"))] + "/robots.txt"
    for _ in range(120):
        started = time.perf_counter()
        urllib.request.urlopen(robots, timeout=60).read()
        if time.perf_counter() - started < 0.25:
            return
        time.sleep(0.5)


def main():
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: sudo apt-get install wrk")
    set_up()
    servers = []
    ratios = {}
    try:
        cached = start_server(PORT, "true")
        servers.append(cached[0])
        uncached = start_server(PORT + 1, "false")
        servers.append(uncached[0])
        # Every worker of each server has served each page (the cached one has kept it) and
        # has its connection, before anything is measured.
        for address in (cached[1], uncached[1]):
            for path in ["/robots.txt", *PAGES.values()]:
                measured(address + path, seconds=WARM_UP_SECONDS)
        workers = os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1)
        print(
            f"gunicorn, {workers} sync workers, PostgreSQL, the demo record; wrk, "
            f"{CONNECTIONS} connections, {SECONDS} s per page, one after the other, robots.txt "
            "before and after each page"
        )
        print(
            f"{'page':30} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} "
            f"{'robots.txt':>10} {'ratio':>6}"
        )
        robots = cached[1] + "/robots.txt"
        rows = [(f"{name} cached", cached[1] + path) for name, path in PAGES.items()]
        rows += [(f"{name} uncached", uncached[1] + path) for name, path in PAGES.items()]
        results = {"robots.txt 0": measured(robots)}
        for number, (what, url) in enumerate(rows, start=1):
            results[what] = measured(url)
            results[f"robots.txt {number}"] = measured(robots)
            baseline = (
                results[f"robots.txt {number - 1}"][0] + results[f"robots.txt {number}"][0]
            ) / 2
            rate, p50, p99, errors = results[what]
            ratios[what] = rate / baseline
            print(
                f"{what:30} {rate:8.1f} {p50:8.1f} {p99:8.1f} {errors:6} {baseline:10.1f} "
                f"{ratios[what]:5.3f}x"
            )
    finally:
        for server in servers:
            stop(server)
    report(results, ratios)


def measured(url, seconds=SECONDS):
    """load(url), once the server has answered what wrk left queued, so that the next run is
    measured alone."""
    figures = load(url, seconds)
    drain(url)
    return figures


def report(results, ratios):
    rates = [rate for what, (rate, *_) in results.items() if what.startswith("robots.txt")]
    print(
        f"robots.txt: {len(rates)} runs, {min(rates):.1f} to {max(rates):.1f} requests/s; each "
        "page's ratio is to the mean of the runs just before and just after it"
    )
    print()
    for name in PAGES:
        verdict = "met" if ratios[f"{name} cached"] >= CACHED_TARGET else "NOT met"
        print(f"{name} cached >= {CACHED_TARGET}x robots.txt: {verdict}")
    for name, target in UNCACHED_TARGETS.items():
        verdict = "met" if ratios[f"{name} uncached"] >= target else "NOT met"
        print(f"{name} uncached >= {target}x robots.txt: {verdict}")
    failing = [what for what, (_rate, _p50, _p99, errors) in results.items() if errors]
    print(f"no errors: {verdict_of(failing)}")
    slow = [what for what, (_, p50, p99, _) in results.items() if p99 > TAIL_TARGET * p50]
    print(f"p99 <= {TAIL_TARGET}x p50 (robots.txt's runs included): {verdict_of(slow)}")


def verdict_of(failing):
    return "met" if not failing else f"NOT met ({', '.join(failing)})"


if __name__ == "__main__":
    main()
