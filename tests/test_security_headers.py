"""What every response tells the browser about security, and what readers' pages leave out.

Readers' pages carry the public Content-Security-Policy and the Permissions-Policy and no
per-visitor state at all: no cookie, no CSRF token, no Vary: Cookie, so that a shared cache may
serve them. The admin and the API documentation carry their own policies. The MDN HTTP
Observatory (tests/observatory.py) scores a reader's page, the API documentation and the admin
A+ under production settings over HTTPS."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import translation

from plenaries.models import Decision
from tests.factories import PASSWORD, make_user
from tests.observatory import CORS_ORIGIN, Scan, cookie_jar, score
from tests.routes import FILE_ROUTES, record_arguments, served_model, url_names
from tests.test_settings import manage, project  # noqa: F401 - the `project` fixture

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "fr")
# Production, where tests/conftest.py turns these off for plain-HTTP test clients.
PRODUCTION = {
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "LANGUAGE_COOKIE_SECURE": True,
    "SECURE_HSTS_SECONDS": 31_536_000,
}


def directives(header):
    """{directive: [source, ...]} of a Content-Security-Policy header."""
    return {
        directive: sources
        for directive, *sources in (part.split() for part in header.split(";") if part.strip())
    }


def policy_of(response):
    return directives(response["Content-Security-Policy"])


def public_address(name, pattern, language):
    """The address of route `name` in `language`, naming a published record where it takes one."""
    kwargs = FILE_ROUTES.get(name, {})
    if pattern.pattern.regex.groupindex and not kwargs:
        record = served_model(pattern).objects.published().order_by("pk").first()
        kwargs = record_arguments(pattern, record)
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", [name for name, _pattern in url_names()])
def test_a_public_route_keeps_no_state_of_its_reader_and_carries_the_policies(
    client, demo_record, request, name, language
):
    """Nothing of an anonymous reader is in the answer: a shared cache may serve it to anyone."""
    if name in FILE_ROUTES:
        request.getfixturevalue("downloads")
    address = public_address(name, dict(url_names())[name], language)
    response = client.get(address)
    assert response.status_code < 400, (address, response.status_code)
    assert not response.cookies, f"{address} sets {', '.join(response.cookies)}"
    assert "csrfmiddlewaretoken" not in body_of(response), address
    assert "Cookie" not in response.get("Vary", ""), f"{address} varies on Cookie"
    expected = (
        settings.CSP_API_DOCS_POLICY if name == "api:docs" else settings.CONTENT_SECURITY_POLICY
    )
    assert policy_of(response) == expected["DIRECTIVES"], address
    assert "camera=()" in response["Permissions-Policy"], address


@pytest.mark.parametrize("address", ["/decisions/no-such-decision/", "/fr/no-such-page/"])
def test_a_page_not_found_keeps_no_state_of_its_reader_either(client, address):
    response = client.get(address)
    assert response.status_code == 404
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in body_of(response)
    assert policy_of(response) == settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]


@pytest.mark.parametrize(
    "policy", ["CONTENT_SECURITY_POLICY", "CSP_ADMIN_POLICY", "CSP_API_DOCS_POLICY"]
)
def test_no_policy_allows_inline_code_eval_plugins_or_framing(policy):
    found = getattr(settings, policy)["DIRECTIVES"]
    assert not any("unsafe" in source for sources in found.values() for source in sources)
    assert found["default-src"] == ["'none'"]
    for directive in ("object-src", "base-uri", "frame-ancestors"):
        assert found[directive] == ["'none'"], directive
    assert found["form-action"] == ["'self'"]
    assert all(
        source in {"'self'", "'none'", "data:"} for sources in found.values() for source in sources
    )


def test_the_permissions_policy_turns_every_feature_off(client):
    features = client.get(reverse("plenaries:about"))["Permissions-Policy"].split(", ")
    assert len(features) == len(settings.PERMISSIONS_POLICY) >= 30
    assert all(feature.endswith("=()") for feature in features), features


def assert_every_policy(response):
    """The headers every answer carries, whoever made it: a view, a middleware or WhiteNoise."""
    assert policy_of(response) == settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert "Permissions-Policy" in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == settings.SECURE_REFERRER_POLICY
    assert response["Cross-Origin-Opener-Policy"] == settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "ask", ["health check", "oversized body", "plain HTTP", "unknown host", "static file"]
)
def test_answers_given_before_any_view_carry_the_policies_too(client, settings, ask):
    """The health check, a refused body, the redirect to HTTPS and a refused host are answered
    by middleware or by Django's handler, and a static file by WhiteNoise, ahead of any page."""
    if ask == "health check":
        response = client.get("/healthz")
    elif ask == "oversized body":
        response = client.post("/search/", CONTENT_LENGTH=settings.REQUEST_MAX_SIZE + 1)
        assert response.status_code == 413
    elif ask == "plain HTTP":
        settings.SECURE_SSL_REDIRECT = True
        response = client.get("/decisions/")
        assert response.status_code == 301
    elif ask == "unknown host":
        response = client.get("/decisions/", HTTP_HOST="elsewhere.example")
        assert response.status_code == 400
    else:
        response = client.get(f"{settings.STATIC_URL}css/site.css")
        assert response.status_code == 200
    assert_every_policy(response)


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(make_user("admin-1", "superuser"))
    return client


@pytest.mark.parametrize(
    "model", list(admin.site._registry), ids=lambda model: model._meta.label_lower
)
def test_every_admin_page_carries_the_admin_policy(staff_client, model):
    opts = model._meta
    for view in ("changelist", "add"):
        response = staff_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}"))
        if response.status_code == 403:  # a model no one adds by hand (axes' sign-in logs)
            continue
        assert response.status_code == 200, (opts.label, view, response.status_code)
        assert policy_of(response) == settings.CSP_ADMIN_POLICY["DIRECTIVES"]


def test_the_admin_sign_in_page_carries_the_admin_policy(client):
    response = client.get(reverse("admin:login"))
    assert policy_of(response) == settings.CSP_ADMIN_POLICY["DIRECTIVES"]


@pytest.fixture
def production(settings):
    for name, value in PRODUCTION.items():
        setattr(settings, name, value)


def test_every_cookie_is_secure_http_only_and_same_site_in_production(production):
    make_user("admin-1", "superuser")
    client = Client()
    login = reverse("admin:login")
    answers = [client.get(login, secure=True)]
    answers.append(client.post(login, {"username": "admin-1", "password": PASSWORD}, secure=True))
    answers.append(client.post(reverse("set_language"), {"language": "fr"}, secure=True))
    jar = {morsel.key: morsel for morsel in cookie_jar(*answers)}
    assert set(jar) == {"csrftoken", "sessionid", "django_language"}
    for morsel in jar.values():
        assert (morsel["secure"], morsel["httponly"], morsel["samesite"]) == (True, True, "Lax"), (
            morsel.OutputString()
        )


def test_secure_cookies_follows_the_environment(project):  # noqa: F811
    """SECURE_COOKIES, on by default without DEBUG, switches the Secure flag of every cookie."""
    show = (
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE)"
    )
    key = "a-production-secret-" + "x" * 50
    for environment, expected in (
        ({}, "True True True"),
        ({"SECURE_COOKIES": "false"}, "False False False"),
    ):
        result = manage(project, "shell", "-c", show, SECRET_KEY=key, **environment)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[-1] == expected, environment


def observatory_scan(client, path, earlier=()):
    """What the Observatory fetches for `path`: over plain HTTP (redirects followed), over
    HTTPS, robots.txt for more cookies, and a CORS preflight."""
    http = client.get(path, follow=True)
    route = [(f"http://testserver{path}", None), *http.redirect_chain]
    page = client.get(path, secure=True)
    robots = client.get(reverse("robots"), secure=True)
    preflight = client.options(
        path, secure=True, headers={"Origin": CORS_ORIGIN, "Access-Control-Request-Method": "GET"}
    )
    return Scan(
        url=f"https://testserver{path}",
        response=page,
        http_route=route,
        preflight=preflight,
        cookies=cookie_jar(*earlier, http, page, robots, preflight),
    )


def assert_a_plus(scan):
    total, grade, results = score(scan)
    breakdown = "\n".join(f"{modifier:+4d} {result}" for result, modifier in results)
    print(f"{scan.url}: {total} {grade}\n{breakdown}")
    assert total >= 100 and grade == "A+", f"{scan.url} scores {total} ({grade}):\n{breakdown}"
    assert all(modifier >= 0 for _result, modifier in results), breakdown


@pytest.mark.parametrize("name", ["plenaries:home", "plenaries:decision-detail", "api:docs"])
def test_the_observatory_scores_a_readers_page_a_plus(production, demo_record, name):
    pattern = dict(url_names())[name]
    scan = observatory_scan(Client(), public_address(name, pattern, "en"))
    assert_a_plus(scan)
    assert scan.cookies == []


def test_the_observatory_scores_the_admin_sign_in_page_a_plus(production):
    scan = observatory_scan(Client(), reverse("admin:login"))
    assert_a_plus(scan)
    assert {morsel.key for morsel in scan.cookies} == {"csrftoken"}


def test_the_observatory_scores_an_editors_change_form_a_plus(production, demo_record):
    make_user("admin-1", "superuser")
    client = Client()
    login = reverse("admin:login")
    signed_in = [client.get(login, secure=True)]
    signed_in.append(client.post(login, {"username": "admin-1", "password": PASSWORD}, secure=True))
    assert signed_in[-1].status_code == 302
    decision = Decision.objects.order_by("pk").first()
    address = reverse("admin:plenaries_decision_change", args=[decision.pk])
    scan = observatory_scan(client, address, earlier=signed_in)
    assert scan.response.status_code == 200
    assert_a_plus(scan)
    assert {morsel.key for morsel in scan.cookies} == {"csrftoken", "sessionid"}
