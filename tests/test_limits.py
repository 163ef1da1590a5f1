"""Limits on what one client may ask of the site: sign-in lockouts that name the client behind
the proxy, request bodies refused before they are read, import files within the worker's
timeout, and the SQLite fallback search's number of words."""

import io
import json
import random
import re
import string
import zipfile

import pytest
import tablib
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from import_export.admin import ImportMixin

from plenaries.search import MAX_FALLBACK_TERMS, MAX_QUERY_LENGTH, full_text_available
from tests.admin_forms import text_of
from tests.test_filters import filtersets

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password"
CLIENT_A, CLIENT_B, PROXY = "203.0.113.10", "198.51.100.20", "10.0.0.2"
IMPORTING_ADMINS = [
    model_admin
    for model_admin in admin.site._registry.values()
    if isinstance(model_admin, ImportMixin)
]
# The import form's format choices, in the order of settings.IMPORT_EXPORT_FORMATS.
FORMATS = {file_format().get_title(): str(index) for index, file_format in enumerate(
    settings.IMPORT_EXPORT_FORMATS
)}  # fmt: skip


@pytest.fixture
def behind_one_proxy(settings):
    """The site behind one proxy, which appends the address it was reached from."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


def sign_in(client, username, password, forwarded_for):
    """A sign-in arriving through the proxy: X-Forwarded-For as the proxy passes it on."""
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def signed_in(response):
    return response.status_code == 302


@pytest.fixture
def accounts(db):
    return [
        User.objects.create_user(name, password=PASSWORD, is_staff=True)
        for name in ("editor", "other-editor")
    ]


def lock(client, username, forwarded_for):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, username, "wrong", forwarded_for)
    assert response.status_code == 429, "the last failure is answered with the lock"


class TestLockoutBehindAProxy:
    def test_failures_lock_that_client_out_of_that_account_with_the_lockout_page(
        self, client, accounts, behind_one_proxy
    ):
        lock(client, "editor", CLIENT_A)
        response = sign_in(client, "editor", PASSWORD, CLIENT_A)
        assert response.status_code == 429
        page = text_of(response)
        assert "Too many failed sign-in attempts" in page
        assert "for this account from this address" in page

    def test_another_client_signs_in_to_the_same_account(self, client, accounts, behind_one_proxy):
        lock(client, "editor", CLIENT_A)
        assert signed_in(sign_in(client, "editor", PASSWORD, CLIENT_B))

    def test_the_locked_client_signs_in_to_another_account(
        self, client, accounts, behind_one_proxy
    ):
        lock(client, "editor", CLIENT_A)
        assert signed_in(sign_in(client, "other-editor", PASSWORD, CLIENT_A))

    @pytest.mark.parametrize("forged", [CLIENT_B, "127.0.0.1", "unknown", f"{CLIENT_B}, {PROXY}"])
    def test_a_forged_forwarded_address_does_not_let_a_client_escape(
        self, client, accounts, behind_one_proxy, forged
    ):
        """The client writes its own X-Forwarded-For; the proxy appends the real address, the
        rightmost entry, which alone is trusted."""
        lock(client, "editor", CLIENT_A)
        assert sign_in(client, "editor", PASSWORD, f"{forged}, {CLIENT_A}").status_code == 429

    def test_without_a_proxy_the_forwarded_address_is_ignored(self, client, accounts):
        """TRUSTED_PROXY_COUNT=0, the default: a client cannot pose as another by the header."""
        lock(client, "editor", CLIENT_A)
        assert sign_in(client, "editor", PASSWORD, CLIENT_B).status_code == 429

    def test_the_api_throttle_counts_the_same_client(self, client, settings, behind_one_proxy):
        settings.API_RATE = "2/minute"
        url = reverse("api:meeting-list")

        def ask(forwarded_for):
            return client.get(url, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)

        assert [ask(CLIENT_A).status_code for _ in range(2)] == [200, 200]
        assert ask(f"{CLIENT_B}, {CLIENT_A}").status_code == 429
        assert ask(CLIENT_B).status_code == 200


# Where a body is refused: the sign-in, a public page, and (over its own limit) every import.
REFUSED_PATHS = [
    pytest.param(lambda: reverse("admin:login"), id="login"),
    pytest.param(lambda: reverse("plenaries:search"), id="search"),
    pytest.param(lambda: reverse("api:meeting-list"), id="api"),
]


class TestRequestSize:
    @pytest.mark.parametrize("path", REFUSED_PATHS)
    def test_a_declared_50_mb_body_is_refused_before_it_is_read(self, client, path):
        """The body sent is a byte: only its declared length is over the limit, and the answer
        comes without reading it (reading would find the body short)."""
        response = client.generic(
            "POST", path(), b"x", content_type="text/plain", CONTENT_LENGTH=str(50 * 1024 * 1024)
        )
        assert response.status_code == 413
        assert "What you sent is too large" in response.content.decode()
        assert "at most 2.0 MB" in response.content.decode()

    def test_a_body_within_the_limit_is_read(self, client):
        size = settings.REQUEST_MAX_SIZE
        response = client.post(reverse("admin:login"), {"username": "x" * (size - 1000)})
        assert response.status_code == 200

    @pytest.mark.parametrize("model_admin", IMPORTING_ADMINS, ids=str)
    def test_an_import_takes_a_larger_body_up_to_its_own_limit(
        self, admin_client, model_admin, settings
    ):
        settings.REQUEST_MAX_SIZE, settings.IMPORT_MAX_SIZE = 16 * 1024, 64 * 1024
        url = import_url(model_admin)
        declared = settings.REQUEST_MAX_SIZE + settings.IMPORT_MAX_SIZE
        within = admin_client.generic("POST", url, b"", CONTENT_LENGTH=str(declared))
        assert within.status_code != 413
        over = admin_client.generic("POST", url, b"", CONTENT_LENGTH=str(declared + 1))
        assert over.status_code == 413

    @pytest.mark.parametrize("model_admin", IMPORTING_ADMINS, ids=str)
    def test_an_upload_over_the_import_limit_is_refused_and_nothing_saved(
        self, admin_client, model_admin, settings
    ):
        settings.REQUEST_MAX_SIZE, settings.IMPORT_MAX_SIZE = 16 * 1024, 64 * 1024
        model = model_admin.model
        before = model.objects.count()
        file = io.BytesIO(b"slug,name\n" + b"a,b\n" * 25_000)
        file.name = "big.csv"
        response = admin_client.post(
            import_url(model_admin), {"resource": "0", "format": "0", "import_file": file}
        )
        assert response.status_code == 413
        assert "What you sent is too large" in response.content.decode()
        assert model.objects.count() == before


def import_url(model_admin):
    return reverse(f"admin:plenaries_{model_admin.model._meta.model_name}_import")


def rows_for(model_admin, count, padding=""):
    """`count` rows with the resource's import headings: what they hold does not matter, the
    file is refused before any is read."""
    resource = model_admin.get_import_resource_classes(None)[0]()
    headers = [field.column_name for field in resource.get_import_fields()]
    return headers, [[f"row-{number}{padding}" for _ in headers] for number in range(count)]


def file_of(title, headers, rows):
    dataset = tablib.Dataset(*rows, headers=headers)
    if title == "json":
        content = json.dumps([dict(zip(headers, row, strict=True)) for row in rows]).encode()
    else:
        content = dataset.export(title)
        content = content.encode() if isinstance(content, str) else content
    file = io.BytesIO(content)
    file.name = f"records.{title}"
    return file


def preview(client, model_admin, title, file):
    return client.post(
        import_url(model_admin), {"resource": "0", "format": FORMATS[title], "import_file": file}
    )


def file_errors(response):
    assert response.status_code == 200
    return response.context["form"].errors.get("import_file", [])


@pytest.mark.parametrize("title", FORMATS)
@pytest.mark.parametrize("model_admin", IMPORTING_ADMINS, ids=str)
class TestImportLimits:
    def test_a_file_over_the_row_limit_is_refused_naming_the_limit(
        self, admin_client, settings, model_admin, title
    ):
        settings.IMPORT_MAX_ROWS = 3
        before = model_admin.model.objects.count()
        response = preview(
            admin_client, model_admin, title, file_of(title, *rows_for(model_admin, 4))
        )
        assert file_errors(response) == ["The file has 4 rows; an import takes at most 3."]
        assert "confirm_form" not in response.context
        assert model_admin.model.objects.count() == before

    def test_a_file_at_the_row_limit_is_read(self, admin_client, settings, model_admin, title):
        settings.IMPORT_MAX_ROWS = 4
        response = preview(
            admin_client, model_admin, title, file_of(title, *rows_for(model_admin, 4))
        )
        assert file_errors(response) == []

    def test_a_file_over_the_size_limit_is_refused_naming_the_limit(
        self, admin_client, settings, model_admin, title
    ):
        settings.IMPORT_MAX_SIZE = 200 * 1024
        before = model_admin.model.objects.count()
        # Random letters in every cell, so that an XLSX file does not compress below the limit.
        letters = random.Random(0)
        headers, rows = rows_for(model_admin, 3)
        rows = [
            ["".join(letters.choices(string.ascii_letters, k=20_000)) for _ in headers]
            for _ in rows
        ]
        file = file_of(title, headers, rows)
        assert len(file.getvalue()) > settings.IMPORT_MAX_SIZE
        response = preview(admin_client, model_admin, title, file)
        assert file_errors(response) == [
            "The file is larger than 0.2 MB, the most an import takes."
        ]
        assert model_admin.model.objects.count() == before


def test_an_xlsx_file_unpacking_to_far_more_than_the_limit_is_refused(admin_client, settings):
    """A "zip bomb": a small file whose rows would fill the memory once unpacked."""
    settings.IMPORT_MAX_SIZE = 200 * 1024
    model_admin = IMPORTING_ADMINS[0]
    file = file_of("xlsx", *rows_for(model_admin, 200, "a" * 5000))
    assert len(file.getvalue()) < settings.IMPORT_MAX_SIZE
    with zipfile.ZipFile(io.BytesIO(file.getvalue())) as archive:
        assert sum(member.file_size for member in archive.infolist()) > 20 * 200 * 1024
    response = preview(admin_client, model_admin, "xlsx", file)
    assert file_errors(response) == ["The file is larger than 0.2 MB, the most an import takes."]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_import_limits_are_told_in_the_editors_language(rf, admin_user, settings, language):
    """The admin speaks English (its addresses have no language prefix), but the form's
    refusals are translated like every other string."""
    settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_SIZE = 1, 300 * 1024
    model_admin = IMPORTING_ADMINS[0]
    request = rf.get("/")
    request.user = admin_user
    form_class = model_admin.get_import_form_class(request)
    files = {
        "rows": file_of("csv", *rows_for(model_admin, 2)),
        "size": file_of("csv", *rows_for(model_admin, 1, "x" * 400 * 1024)),
    }
    errors = {}
    with translation.override(language):
        for name, file in files.items():
            form = form_class(
                model_admin.get_import_formats(),
                model_admin.get_import_resource_classes(request),
                data={"resource": "0", "format": FORMATS["csv"]},
                files={"import_file": SimpleUploadedFile(file.name, file.getvalue())},
            )
            errors[name] = form.errors["import_file"]
    assert (
        errors
        == {
            "en": {
                "rows": ["The file has 2 rows; an import takes at most 1."],
                "size": ["The file is larger than 0.3 MB, the most an import takes."],
            },
            "fr": {
                "rows": ["Le fichier compte 2 lignes ; une importation en accepte au plus 1."],
                "size": ["Le fichier dépasse 0,3 Mo, le maximum qu’une importation accepte."],
            },
        }[language]
    )


LEFT_OUT = "Only the first %(max_terms)s words were searched for: %(dropped)s word was left out."
# Two-letter words, all different: "aa ab ac …".
WORDS = [a + b for a in string.ascii_lowercase for b in string.ascii_lowercase][:30]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_search_of_many_words_says_how_many_it_left_out(client, language):
    """Each word the SQLite fallback reads is a scan of every searched column: it reads the
    first MAX_FALLBACK_TERMS and the page says so. PostgreSQL's full-text search reads them all
    in one index look-up, and leaves none out."""
    prefix = "/fr" if language == "fr" else ""
    response = client.get(f"{prefix}/search/", {"q": " ".join(WORDS)})
    assert response.status_code == 200
    page = text_of(response)
    dropped = 0 if full_text_available() else len(WORDS) - MAX_FALLBACK_TERMS
    with translation.override(language):
        told = translation.ngettext(LEFT_OUT, f"{LEFT_OUT[:-19]} words were left out.", dropped)
        told %= {"max_terms": MAX_FALLBACK_TERMS, "dropped": dropped}
    assert (told in page) == bool(dropped)
    assert ("Seuls les" in told) == (language == "fr")


def test_a_search_within_the_word_limit_leaves_nothing_out(client):
    response = client.get("/search/", {"q": " ".join(WORDS[:MAX_FALLBACK_TERMS] * 3)})
    assert response.status_code == 200
    assert "were searched for" not in text_of(response)


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        pytest.param("/", {"HTTP_HOST": "not-this-site.example"}, id="another-host"),
        pytest.param("/admin/plenaries/decision/?q=%00", {}, id="admin-nul"),
    ],
)
def test_a_bad_request_answers_in_the_sites_frame(admin_client, path, extra):
    """Django's own 400 is a bare heading; this one is the 413's and the 503's plain page."""
    reader = Client(raise_request_exception=False)
    reader.cookies = admin_client.cookies  # signed in, for the admin's address
    response = reader.get(path, **extra)
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Bad request · KP Tracker</title>" in page
    assert "This request cannot be answered" in page
    assert '<p lang="fr">' in page


# Search boxes -----------------------------------------------------------------------------------


def search_boxes():
    """(template, tag) of every search box written in a template."""
    for template in sorted((settings.BASE_DIR / "templates").rglob("*.html")):
        for tag in re.findall(r'<input[^>]*\bname="q"[^>]*>', template.read_text()):
            yield template.name, tag


def test_every_search_box_takes_no_more_than_the_search_reads():
    """A longer query would be cut without a word said (search.clean_query), and its address
    could pass the request line gunicorn takes (tests/test_gunicorn.py)."""
    boxes = list(search_boxes())
    assert len(boxes) >= 3  # the home page's, the search page's, the page not found's
    for template, tag in boxes:
        assert 'maxlength="{{ max_query_length }}"' in tag, template
    for filterset in filtersets():
        if "q" in filterset.base_filters:
            most = filterset.base_filters["q"].extra["max_length"]
            assert most <= MAX_QUERY_LENGTH, filterset.__name__
