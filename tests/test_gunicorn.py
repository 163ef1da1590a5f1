"""What gunicorn.conf.py promises, through a real gunicorn: HTTPS is believed only from the
proxies it trusts, and the longest query a search box allows is not refused for its length."""

import http.client
import urllib.parse
from urllib.parse import urlsplit

import pytest

from plenaries.search import MAX_QUERY_LENGTH
from tests.servers import gunicorn

pytestmark = pytest.mark.django_db


def ask(address, path, **headers):
    """(status, Location) of a GET, redirects not followed."""
    where = urlsplit(address)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location")
    finally:
        connection.close()


# A documentation address (RFC 5737): no request of this test comes from it.
ELSEWHERE = "192.0.2.1"


@pytest.mark.parametrize(("trusted", "believed"), [("127.0.0.1,::1", True), (ELSEWHERE, False)])
def test_https_is_believed_only_from_a_proxy_gunicorn_trusts(tmp_path, trusted, believed):
    """X-Forwarded-Proto from an address outside FORWARDED_ALLOW_IPS is anyone's claim: such a
    request is sent to HTTPS, as one without the header is. robots.txt reads no database."""
    never_opened = f"sqlite:///{tmp_path / 'none.sqlite3'}"
    with gunicorn(never_opened, SECURE_SSL_REDIRECT="true", FORWARDED_ALLOW_IPS=trusted) as (
        _server,
        address,
    ):
        plain = ask(address, "/robots.txt")
        claimed = ask(address, "/robots.txt", **{"X-Forwarded-Proto": "https"})
    assert plain == (301, f"https://{urlsplit(address).netloc}/robots.txt")
    assert claimed == ((200, None) if believed else plain)


def test_the_longest_query_a_search_box_allows_is_answered(database):
    """A search box takes MAX_QUERY_LENGTH characters (its maxlength, in UTF-16 units): three
    bytes each in UTF-8 at most, nine once percent-encoded in the address."""
    query = urllib.parse.urlencode({"q": "中" * MAX_QUERY_LENGTH, "outcome": "blocked"})
    with gunicorn(database) as (_server, address):
        assert ask(address, f"/fr/decisions/?{query}")[0] == 200
