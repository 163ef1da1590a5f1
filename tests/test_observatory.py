"""tests/observatory.py gives the results the MDN HTTP Observatory's own tests expect.

The cases are those of its test/csp.test.js (commit 94042bbfbf9f1af722ad9114ada6d271dcb525b9)
that send one Content-Security-Policy header and no <meta> policy, copied as they are, with the
result each expects."""

# ruff: noqa: E501 - the upstream's policies, each on one line as it wrote them

import pytest
from django.http import HttpResponse

from tests.observatory import Scan, content_security_policy, score

CSP_CASES = [
    ("  ", "csp-header-invalid"),
    ("", "csp-header-invalid"),
    ("default-src 'none'; default-src 'none'", "csp-header-invalid"),
    ("default-src 'none'; img-src 'self'; default-src 'none'", "csp-header-invalid"),
    ("default-src 'none'; script-src 'strict-dynamic'", "csp-header-invalid"),
    ("defa", "csp-header-invalid"),
    ("default-src 'none'; script-src https://*", "csp-implemented-with-unsafe-inline"),
    ("default-src 'none'; script-src 'unsafe-inline'", "csp-implemented-with-unsafe-inline"),
    ("default-src http://mozilla.org", "csp-implemented-with-insecure-scheme"),
    ("default-src 'none'; script-src http://mozilla.org", "csp-implemented-with-insecure-scheme"),
    ("default-src 'none'; script-src http://mozilla.org", "csp-implemented-with-insecure-scheme"),
    ("default-src 'none'; script-src ftp://mozilla.org", "csp-implemented-with-insecure-scheme"),
    (
        "default-src 'none'; img-src http://mozilla.org",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    ),
    (
        "default-src 'self'; img-src ftp:",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    ),
    (
        "default-src 'self'; img-src http:",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    ),
    (
        "default-src 'none'; img-src https:; media-src http://mozilla.org",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    ),
    (
        "default-src 'none'; img-src http: https:; script-src 'self'; style-src 'self'",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    ),
    (
        "default-src 'none'; img-src 'none'; media-src http:; script-src 'self'; style-src 'self'",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    ),
    (
        "default-src 'none'; img-src 'none'; media-src http:; script-src 'self'; style-src 'unsafe-inline'",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    ),
    ("script-src 'unsafe-inline'", "csp-implemented-with-unsafe-inline"),
    ("script-src data:", "csp-implemented-with-unsafe-inline"),
    ("script-src http:", "csp-implemented-with-unsafe-inline"),
    ("script-src ftp:", "csp-implemented-with-unsafe-inline"),
    ("default-src 'unsafe-inline'", "csp-implemented-with-unsafe-inline"),
    ("default-src 'UNSAFE-INLINE'", "csp-implemented-with-unsafe-inline"),
    ("upgrade-insecure-requests", "csp-implemented-with-unsafe-inline"),
    ("script-src 'none'", "csp-implemented-with-unsafe-inline"),
    ("script-src https:", "csp-implemented-with-unsafe-inline"),
    ("script-src https://mozilla.org https:", "csp-implemented-with-unsafe-inline"),
    ("default-src https://mozilla.org https:", "csp-implemented-with-unsafe-inline"),
    ("default-src 'none'; script-src *", "csp-implemented-with-unsafe-inline"),
    ("default-src *; script-src *; object-src 'none'", "csp-implemented-with-unsafe-inline"),
    ("default-src 'none'; script-src 'none'; object-src *", "csp-implemented-with-unsafe-inline"),
    (
        "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'",
        "csp-implemented-with-unsafe-inline",
    ),
    ("default-src 'none'; script-src 'unsafe-inline' http:", "csp-implemented-with-unsafe-inline"),
    ("object-src https:; script-src 'none'", "csp-implemented-with-unsafe-inline"),
    (
        "object-src 'none'; script-src 'none'; style-src 'unsafe-inline'",
        "csp-implemented-with-unsafe-inline-in-style-src-only",
    ),
    (
        "default-src 'none'; script-src https://mozilla.org; style-src 'unsafe-inline'",
        "csp-implemented-with-unsafe-inline-in-style-src-only",
    ),
    (
        "default-src 'unsafe-inline'; script-src https://mozilla.org",
        "csp-implemented-with-unsafe-inline-in-style-src-only",
    ),
    (
        "default-src 'none';;; ;;;style-src 'self' 'unsafe-inline'",
        "csp-implemented-with-unsafe-inline-in-style-src-only",
    ),
    ("default-src 'none'; style-src data:", "csp-implemented-with-unsafe-inline-in-style-src-only"),
    ("default-src 'none'; style-src *", "csp-implemented-with-unsafe-inline-in-style-src-only"),
    (
        "default-src 'none'; style-src https:",
        "csp-implemented-with-unsafe-inline-in-style-src-only",
    ),
    (
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB=' 'unsafe-inline'",
        "csp-implemented-with-unsafe-inline-in-style-src-only",
    ),
    ("default-src https://mozilla.org", "csp-implemented-with-no-unsafe"),
    ("default-src https://mozilla.org;;; ;;;script-src 'none'", "csp-implemented-with-no-unsafe"),
    (
        "object-src 'none'; script-src https://mozilla.org; style-src https://mozilla.org; upgrade-insecure-requests;",
        "csp-implemented-with-no-unsafe",
    ),
    (
        "object-src 'none'; script-src 'strict-dynamic' 'nonce-abc' 'unsafe-inline'; style-src 'none'",
        "csp-implemented-with-no-unsafe",
    ),
    (
        "object-src 'none'; style-src 'self';script-src 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBA='",
        "csp-implemented-with-no-unsafe",
    ),
    (
        "object-src 'none'; style-src 'self'; script-src 'unsafe-inline' 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBA=''sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB='",
        "csp-implemented-with-no-unsafe",
    ),
    (
        "object-src 'none'; script-src 'unsafe-inline' 'nonce-abc123' 'unsafe-inline'; style-src 'none'",
        "csp-implemented-with-no-unsafe",
    ),
    (
        "default-src https://mozilla.org; style-src 'unsafe-inline' 'nonce-abc123' 'unsafe-inline'",
        "csp-implemented-with-no-unsafe",
    ),
    (
        "default-src https://mozilla.org; style-src 'unsafe-inline' 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB=' 'unsafe-inline'",
        "csp-implemented-with-no-unsafe",
    ),
    ("default-src", "csp-implemented-with-no-unsafe-default-src-none"),
    (
        "default-src 'none'; script-src 'strict-dynamic' 'nonce-abc123' 'unsafe-inline'",
        "csp-implemented-with-no-unsafe-default-src-none",
    ),
    (
        "default-src 'none'; script-src https://mozilla.org; style-src https://mozilla.org; upgrade-insecure-requests;",
        "csp-implemented-with-no-unsafe-default-src-none",
    ),
    (
        "default-src 'none'; object-src https://mozilla.org",
        "csp-implemented-with-no-unsafe-default-src-none",
    ),
    (
        "default-src 'none'; script-src 'strict-dynamic' 'nonce-abc123'",
        "csp-implemented-with-no-unsafe-default-src-none",
    ),
    (
        "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123'",
        "csp-implemented-with-no-unsafe-default-src-none",
    ),
    (
        "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123' https://*",
        "csp-implemented-with-no-unsafe-default-src-none",
    ),
    (
        "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123' 'unsafe-inline'",
        "csp-implemented-with-no-unsafe-default-src-none",
    ),
]


def scan_with(**headers):
    response = HttpResponse()
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return Scan(
        url="https://example.org/", response=response, http_route=[("http://example.org/", 200)]
    )


@pytest.mark.parametrize(("policy", "result"), CSP_CASES)
def test_a_policy_gets_the_result_the_observatory_gives_it(policy, result):
    assert content_security_policy(scan_with(Content_Security_Policy=policy))[0] == result


def test_a_bare_site_scores_what_the_observatory_gives_it():
    """No header at all: no CSP -25, no redirection to HTTPS -20, no HSTS -20, no
    X-Content-Type-Options -5, no X-Frame-Options -20: 10 of 100, an F."""
    assert score(scan_with())[:2] == (10, "F")


def test_bonuses_count_only_above_90():
    """A default-src 'none' policy (+10) on a site that loses 20 for HSTS stays at 80 (B+)."""
    scan = scan_with(
        Content_Security_Policy="default-src 'none'; frame-ancestors 'none'",
        X_Content_Type_Options="nosniff",
        Referrer_Policy="no-referrer",
    )
    scan.http_route.append(("https://example.org/", 200))
    assert score(scan)[:2] == (80, "B+")
