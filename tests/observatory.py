"""The MDN HTTP Observatory's score of a response, from its headers and its HTML.

A Python port of the scanner at github.com/mdn/mdn-http-observatory, version 1.6.3 (commit
94042bbfbf9f1af722ad9114ada6d271dcb525b9, scoring algorithm 6): each of its twelve tests
(src/analyzer/tests/*.js, the CSP parser src/analyzer/cspParser.js) with its results' modifiers
(src/grader/charts.js) and the sum of src/scanner/index.js, where bonuses count only when the
penalties leave at least 90. What the scanner fetches over the network is given instead:
`Scan.response` is the page over HTTPS (its `auto` response), `http_route` the addresses its
plain-HTTP request went through, `preflight` the answer to its CORS preflight and `cookies` what
its cookie jar gathered. Simplifications, none of which changes a result for this site's single
policy and own scripts: the HSTS preload list is taken to hold no host; a script's "second-level
domain" is its host's last two labels (the scanner asks the public suffix list); several CSP
policies are not intersected, and a source that extends another in the same directive is kept;
a SameSite attribute is judged on every cookie of the jar, not only on the page's own."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import Morsel
from urllib.parse import urlsplit

MODIFIERS = {
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    "csp-not-implemented-but-reporting-enabled": -25,
    "csp-implemented-but-duplicate-directives": 0,
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    "redirection-to-https": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-not-to-https": -20,
    "redirection-missing": -20,
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    "corp-header-invalid": -5,
    "corp-implemented-with-cross-origin": 0,
    "corp-implemented-with-same-origin": 10,
    "corp-implemented-with-same-site": 10,
    "corp-not-implemented": 0,
    "coep-implemented-with-require-corp": 10,
    "coep-implemented-with-credentialless": 10,
    "coep-implemented-with-unsafe-none": 0,
    "coep-not-implemented": 0,
    "coep-header-invalid": -5,
    "coop-implemented-with-same-origin": 10,
    "coop-implemented-with-same-origin-allow-popups": 10,
    "coop-implemented-with-noopener-allow-popups": 10,
    "coop-implemented-with-unsafe-none": 0,
    "coop-not-implemented": 0,
    "coop-header-invalid": -5,
}
GRADES = [(100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+")]
GRADES += [(50, "C"), (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"), (0, "F")]
MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90
HTML_TYPES = {"text/html", "application/xhtml+xml"}
DANGEROUSLY_BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*"}
DANGEROUSLY_BROAD |= {"https://*.*"}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
NONCES_HASHES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")
# The Origin the scanner's CORS preflight request sends (src/config.js).
CORS_ORIGIN = "https://http-observatory.security.mozilla.org"


@dataclass
class Scan:
    """What the scanner would have fetched for one address."""

    url: str  # the https:// address scanned
    response: object  # its answer: `.headers` (case-insensitive) and `.content`
    http_route: list  # [(address, status)] of the plain-HTTP request and its redirects
    preflight: object = None  # the answer to an OPTIONS request from CORS_ORIGIN, or None
    cookies: list = field(default_factory=list)  # Morsels, every cookie set along the way

    def header_values(self, name):
        value = self.response.headers.get(name)
        return [] if value is None else [value]

    @property
    def mime(self):
        return (self.response.headers.get("Content-Type") or "").split(";", 1)[0]

    @property
    def html(self):
        return self.response.content.decode(errors="replace") if self.mime in HTML_TYPES else ""


class _Tags(HTMLParser):
    """The <meta http-equiv> values and the <script> elements' attributes of a page."""

    def __init__(self, html):
        super().__init__()
        self.equiv, self.scripts = {}, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("http-equiv") and attrs.get("content") is not None:
            self.equiv.setdefault(attrs["http-equiv"].lower(), []).append(attrs["content"])
        elif tag == "script":
            self.scripts.append(attrs)


def parse_csp(policies, meta=False):
    """{directive: set of sources} of a list of policies, as cspParser.parseCsp reads them (the
    intersection of several policies is left out: this site sends one). Raises ValueError."""
    csp, duplicates = {}, set()
    for policy in (policy.replace("\r", "").replace("\n", "").strip() for policy in policies):
        if len(policy) < len("img-src") - 1:
            raise ValueError(f"Invalid policy: {policy}")
        seen = set()
        for entry in policy.split(";"):
            directive, *sources = entry.strip().split() or [""]
            if not directive:
                continue
            directive = directive.lower()
            if directive in seen:
                if directive not in {"report-uri", "report-to"}:
                    raise ValueError(f"Duplicate directive {directive}")
                duplicates.add(directive)
            seen.add(directive)
            values = {source.strip().lower() for source in sources}
            if not values and directive.endswith("-src"):
                values = {"'none'"}
            csp[directive] = values or {"'none'"}
    if meta:
        for directive in ("frame-ancestors", "report-uri", "sandbox"):
            csp.pop(directive, None)
    return csp, duplicates


def split_policies(values):
    return [policy.strip() for value in values for policy in value.split(",")]


def content_security_policy(scan):
    """Content Security Policy (csp.js). Returns (result, {directive: sources})."""
    http = split_policies(scan.header_values("Content-Security-Policy"))
    equiv = split_policies(_Tags(scan.html).equiv.get("content-security-policy", []))
    try:
        csp, duplicates = parse_csp(http + equiv)
    except ValueError:
        return "csp-header-invalid", {}
    try:
        header_only = parse_csp(http)[0]
    except ValueError:
        header_only = {}
    try:
        meta_only = parse_csp(equiv, meta=True)[0]
    except ValueError:
        meta_only = {}
    if not header_only and not meta_only:
        if scan.header_values("Content-Security-Policy-Report-Only"):
            return "csp-not-implemented-but-reporting-enabled", {}
        return "csp-not-implemented", {}
    default = csp.get("default-src")
    object_src = set(csp.get("object-src") or default or {"*"})
    script_src = set(csp.get("script-src") or default or {"*"})
    style_src = set(csp.get("style-src") or default or {"*"})
    for sources in (script_src, style_src):
        if any(source.startswith(NONCES_HASHES) for source in sources):
            sources.discard("'unsafe-inline'")
    result = None
    if "'strict-dynamic'" in script_src:
        if any(source.startswith(NONCES_HASHES) for source in script_src):
            script_src = {
                source
                for source in script_src
                if not source.startswith(tuple(DANGEROUSLY_BROAD))
                and source not in {"'self'", "'unsafe-inline'"}
            }
        else:
            result = "csp-header-invalid"
    passive = {"img-src", "media-src"}
    active = [s for d, v in csp.items() if d not in passive | {"script-src"} for s in v]
    active += script_src
    passive_sources = [s for d in passive for s in (csp.get(d) or default or set())]
    insecure = ("http:", "ftp:")
    https = scan.url.startswith("https:")
    if script_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE) or object_src & DANGEROUSLY_BROAD:
        result = result or "csp-implemented-with-unsafe-inline"
    if https and any(source.startswith(insecure) for source in active):
        result = result or "csp-implemented-with-insecure-scheme"
    if "'unsafe-eval'" in script_src | style_src:
        result = result or "csp-implemented-with-unsafe-eval"
    if https and any(source.startswith(insecure) for source in passive_sources):
        result = result or "csp-implemented-with-insecure-scheme-in-passive-content-only"
    if style_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE):
        result = result or "csp-implemented-with-unsafe-inline-in-style-src-only"
    if default == {"'none'"}:
        result = result or "csp-implemented-with-no-unsafe-default-src-none"
    result = result or "csp-implemented-with-no-unsafe"
    passing = {
        "csp-implemented-with-no-unsafe",
        "csp-implemented-with-no-unsafe-default-src-none",
        "csp-implemented-with-unsafe-inline-in-style-src-only",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    }
    if result in passing and duplicates:
        result = "csp-implemented-but-duplicate-directives"
    return result, csp


def _worse(new, old, order):
    return new if old is None or order.index(new) > order.index(old) else old


def cookies(scan):
    """Cookies (cookies.js): every cookie the scan gathered, `Morsel`s."""
    order = [
        "cookies-without-secure-flag-but-protected-by-hsts",
        "cookies-without-secure-flag",
        "cookies-session-without-secure-flag-but-protected-by-hsts",
        "cookies-samesite-flag-invalid",
        "cookies-anticsrf-without-samesite-flag",
        "cookies-session-without-httponly-flag",
        "cookies-session-without-secure-flag",
    ]
    hsts = strict_transport_security(scan) == "hsts-implemented-max-age-at-least-six-months"
    result = None
    for morsel in scan.cookies:
        samesite = str(morsel["samesite"]).strip().lower()
        if morsel["samesite"] != "" and samesite not in {"lax", "strict", "none"}:
            result = _worse("cookies-samesite-flag-invalid", result, order)
    if not scan.cookies:
        return "cookies-not-found"
    missing_samesite = False
    for morsel in scan.cookies:
        name = morsel.key.lower()
        session = "login" in name or "sess" in name
        secure, httponly = bool(morsel["secure"]), bool(morsel["httponly"])
        samesite = str(morsel["samesite"]).lower()
        if not secure and samesite == "none":
            result = _worse("cookies-samesite-flag-invalid", result, order)
        if not secure:
            unsafe = "cookies-without-secure-flag"
            result = _worse(f"{unsafe}-but-protected-by-hsts" if hsts else unsafe, result, order)
        if "csrf" in name and not samesite:
            result = _worse("cookies-anticsrf-without-samesite-flag", result, order)
        if session and not secure:
            unsafe = "cookies-session-without-secure-flag"
            result = _worse(f"{unsafe}-but-protected-by-hsts" if hsts else unsafe, result, order)
        if session and not httponly:
            result = _worse("cookies-session-without-httponly-flag", result, order)
        missing_samesite = missing_samesite or not samesite
    if result:
        return result
    if missing_samesite:
        return "cookies-secure-with-httponly-sessions"
    return "cookies-secure-with-httponly-sessions-and-samesite"


def cross_origin_resource_sharing(scan):
    """Cross-Origin Resource Sharing (cors.js), from the preflight's answer."""
    if scan.preflight is None:
        return "cross-origin-resource-sharing-not-implemented"
    allowed = scan.preflight.headers.get("Access-Control-Allow-Origin")
    if not allowed:
        return "cross-origin-resource-sharing-not-implemented"
    if allowed.strip().lower() == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access"
    credentials = scan.preflight.headers.get("Access-Control-Allow-Credentials") or ""
    if allowed == CORS_ORIGIN and credentials.strip().lower() == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access"
    return "cross-origin-resource-sharing-implemented-with-restricted-access"


def redirection(scan):
    """Redirection (redirection.js): the plain-HTTP request's route."""
    route = [urlsplit(address) for address, _status in scan.http_route]
    if len(route) == 1:
        return "redirection-missing"
    if route[-1].scheme != "https":
        return "redirection-not-to-https"
    if route[1].scheme == "http":
        return "redirection-not-to-https-on-initial-redirection"
    if route[0].hostname != route[1].hostname:
        return "redirection-off-host-from-http"
    return "redirection-to-https"


def referrer_policy(scan):
    """Referrer Policy (referrer-policy.js)."""
    good = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"]
    bad = ["origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"]
    values = scan.header_values("Referrer-Policy")
    values += _Tags(scan.html).equiv.get("referrer-policy", [])
    if not values:
        return "referrer-policy-not-implemented"
    valid = [
        policy.strip().lower()
        for policy in ", ".join(values).split(",")
        if policy.strip().lower() in good + bad
    ]
    policy = valid[-1] if valid else ""
    if policy in good:
        return "referrer-policy-private"
    return "referrer-policy-unsafe" if policy in bad else "referrer-policy-header-invalid"


def strict_transport_security(scan):
    """Strict Transport Security (strict-transport-security.js)."""
    values = scan.header_values("Strict-Transport-Security")
    if not values:
        return "hsts-not-implemented"
    header = values[0][:1024]
    if "," in header:
        return "hsts-header-invalid"
    max_age = None
    for parameter in (part.strip().lower() for part in header.split(";")):
        if parameter.startswith("max-age="):
            try:
                max_age = int(parameter[8:128])
            except ValueError:
                return "hsts-header-invalid"
    if max_age is None:
        return "hsts-header-invalid"
    if max_age < 15_552_000:
        return "hsts-implemented-max-age-less-than-six-months"
    return "hsts-implemented-max-age-at-least-six-months"


def _domain(host):
    return ".".join((host or "").split(".")[-2:])


def subresource_integrity(scan):
    """Subresource Integrity (subresource-integrity.js)."""
    order = [
        "sri-implemented-and-all-scripts-loaded-securely",
        "sri-implemented-and-external-scripts-loaded-securely",
        "sri-implemented-but-external-scripts-not-loaded-securely",
        "sri-not-implemented-but-external-scripts-loaded-securely",
        "sri-not-implemented-and-external-scripts-not-loaded-securely",
        "sri-not-implemented-response-not-html",
    ]
    if scan.mime and scan.mime not in HTML_TYPES:
        return "sri-not-implemented-response-not-html"
    scripts = _Tags(scan.html).scripts
    result, foreign = None, False
    for script in scripts:
        src = script.get("src")
        if not src:
            continue
        integrity = script.get("integrity")
        protocol_relative = src.startswith("//") and not src.startswith("///")
        full = src.startswith(("http://", "https://"))
        relative = not protocol_relative and not full
        same_domain = (
            _domain(urlsplit(src).hostname) == _domain(urlsplit(scan.url).hostname)
            if full
            else True
        )
        secure_origin = relative or (same_domain and not protocol_relative)
        foreign = foreign or not secure_origin
        secure_scheme = (full and src.startswith("https:")) or (
            relative and scan.url.startswith("https:")
        )
        if not secure_origin:
            if integrity and not secure_scheme:
                found = "sri-implemented-but-external-scripts-not-loaded-securely"
            elif not integrity and secure_scheme:
                found = "sri-not-implemented-but-external-scripts-loaded-securely"
            elif not integrity:
                found = "sri-not-implemented-and-external-scripts-not-loaded-securely"
            else:
                continue
            result = _worse(found, result, order)
        elif integrity and secure_scheme and not result:
            result = "sri-implemented-and-all-scripts-loaded-securely"
    if not scripts:
        return "sri-not-implemented-but-no-scripts-loaded"
    if result:
        return result
    if foreign:
        return "sri-implemented-and-external-scripts-loaded-securely"
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"


def x_content_type_options(scan):
    """X-Content-Type-Options (x-content-type-options.js)."""
    values = scan.header_values("X-Content-Type-Options")
    if not values:
        return "x-content-type-options-not-implemented"
    if values[0][:256].strip().lower() == "nosniff":
        return "x-content-type-options-nosniff"
    return "x-content-type-options-header-invalid"


def x_frame_options(scan):
    """X-Frame-Options (x-frame-options.js): a CSP frame-ancestors stands in for it."""
    if "frame-ancestors" in content_security_policy(scan)[1]:
        return "x-frame-options-implemented-via-csp"
    values = scan.header_values("X-Frame-Options")
    if not values:
        return "x-frame-options-not-implemented"
    value = values[0][:1024].strip().lower()
    if value in {"deny", "sameorigin"}:
        return "x-frame-options-sameorigin-or-deny"
    if value.startswith("allow-from"):
        return "x-frame-options-allow-from-origin"
    return "x-frame-options-header-invalid"


def cross_origin_resource_policy(scan):
    """Cross-Origin-Resource-Policy (cross-origin-resource-policy.js)."""
    header = ", ".join(scan.header_values("Cross-Origin-Resource-Policy"))
    equiv = _Tags(scan.html).equiv.get("cross-origin-resource-policy", [])
    value = header or (equiv[-1] if equiv else "")
    if not value:
        return "corp-not-implemented"
    return {
        "same-site": "corp-implemented-with-same-site",
        "same-origin": "corp-implemented-with-same-origin",
        "cross-origin": "corp-implemented-with-cross-origin",
    }.get(value[:256].strip().lower(), "corp-header-invalid")


def _token_policy(scan, header, prefix, tokens):
    values = scan.header_values(header)
    if not values:
        return f"{prefix}-not-implemented"
    value = values[0][:1024].strip()
    # A structured-field token, possibly with parameters (";report-to=..."), never quoted.
    token = value.split(";", 1)[0].strip()
    if token in tokens and not value.startswith('"'):
        return f"{prefix}-implemented-with-{token}"
    return f"{prefix}-header-invalid"


def cross_origin_embedder_policy(scan):
    """Cross-Origin-Embedder-Policy (cross-origin-embedder-policy.js)."""
    tokens = {"require-corp", "credentialless", "unsafe-none"}
    return _token_policy(scan, "Cross-Origin-Embedder-Policy", "coep", tokens)


def cross_origin_opener_policy(scan):
    """Cross-Origin-Opener-Policy (cross-origin-opener-policy.js)."""
    tokens = {"same-origin", "same-origin-allow-popups", "noopener-allow-popups", "unsafe-none"}
    return _token_policy(scan, "Cross-Origin-Opener-Policy", "coop", tokens)


TESTS = [
    lambda scan: content_security_policy(scan)[0],
    cookies,
    cross_origin_embedder_policy,
    cross_origin_opener_policy,
    cross_origin_resource_sharing,
    redirection,
    referrer_policy,
    strict_transport_security,
    subresource_integrity,
    x_content_type_options,
    x_frame_options,
    cross_origin_resource_policy,
]


def grade(score):
    return next(letter for floor, letter in GRADES if max(score, 0) >= floor)


def score(scan):
    """(score, grade, [(result, modifier)] of each test), as the scanner sums them."""
    results = [(result, MODIFIERS[result]) for result in (test(scan) for test in TESTS)]
    with_extra_credit = 100 + sum(modifier for _result, modifier in results)
    uncurved = 100 + sum(modifier for _result, modifier in results if modifier < 0)
    total = with_extra_credit if uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT else uncurved
    return total, grade(total), results


def cookie_jar(*responses):
    """The cookies the responses set, the last of each name winning, as a jar keeps them."""
    jar = {}
    for response in responses:
        jar.update(response.cookies)
    return [morsel for morsel in jar.values() if isinstance(morsel, Morsel)]
