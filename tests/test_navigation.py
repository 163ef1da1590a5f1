"""The main navigation marks the section each page of the site belongs to, in both languages."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.routes import FILE_ROUTES, url_names
from tests.test_views import demo_arguments

pytestmark = pytest.mark.django_db

# The navigation entry (its list page's URL name) each HTML page belongs to; None for a page in
# no entry. Written out here rather than read from the code, so that a new page fails below
# until someone decides where it belongs.
SECTION = {
    "plenaries:home": None,
    "plenaries:meeting-list": "plenaries:meeting-list",
    "plenaries:meeting-detail": "plenaries:meeting-list",
    "plenaries:decision-list": "plenaries:decision-list",
    "plenaries:decision-detail": "plenaries:decision-list",
    "plenaries:participant-list": "plenaries:participant-list",
    "plenaries:participant-detail": "plenaries:participant-list",
    "plenaries:statement-list": "plenaries:statement-list",
    "plenaries:statement-detail": "plenaries:statement-list",
    "plenaries:working-body-list": None,  # working bodies have no entry in the navigation
    "plenaries:working-body-detail": None,
    "plenaries:topic-list": None,  # topics are linked from the footer, not the navigation
    "plenaries:topic-detail": None,
    "plenaries:chair-list": "plenaries:chair-list",
    "plenaries:blocked-list": "plenaries:blocked-list",
    "plenaries:search": "plenaries:search",
    "plenaries:about": None,  # linked from the footer, not the navigation
    "plenaries:data": None,  # linked from the footer and the About page
}

MAIN_NAV = re.compile(r'<header class="site-header">.*?<nav [^>]*>(.*?)</nav>', re.S)
LINK = re.compile(r"<a ([^>]*)>")
# A file route serves files, not pages: nothing of it has a navigation or a language switch.
# Nor has the API's documentation, Swagger UI's page, in English as the API is, outside the
# site's frame.
NOT_PAGES = {*FILE_ROUTES, "api:docs"}
ROUTES = {name: pattern for name, pattern in url_names() if name not in NOT_PAGES}


def current_links(page):
    """(href, aria-current) of each link of the main navigation that marks itself current."""
    links = [dict(re.findall(r'([\w-]+)="([^"]*)"', attrs)) for attrs in LINK.findall(page)]
    return [(link["href"], link["aria-current"]) for link in links if "aria-current" in link]


@pytest.mark.parametrize("language", ["en", "fr"])
# set_language is Django's target for the language form, which only redirects.
@pytest.mark.parametrize("name", sorted(set(ROUTES) - {"set_language"}))
def test_each_page_marks_its_section_in_the_navigation(client, demo_record, name, language):
    with translation.override(language):
        url = reverse(name, kwargs=demo_arguments(name, ROUTES[name]))
        response = client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            return  # a feed, the calendar, the sitemap, robots.txt: no navigation to mark
        assert name in SECTION, f"{name}: which section of the navigation is it in?"
        section = SECTION[name]
        expected = [(reverse(section), "page" if section == name else "true")] if section else []
    assert response.status_code == 200, url
    nav = MAIN_NAV.search(response.content.decode()).group(1)
    assert current_links(nav) == expected, url


RECORDS_LANGUAGE = {
    "en": None,
    "fr": "Le registre lui-même est en anglais, la langue de ses sources",
}


@pytest.mark.parametrize("language", sorted(RECORDS_LANGUAGE))
@pytest.mark.parametrize("name", sorted(set(ROUTES) - {"set_language"}))
def test_a_page_in_another_language_says_the_record_is_in_english(
    client, demo_record, name, language
):
    with translation.override(language):
        response = client.get(reverse(name, kwargs=demo_arguments(name, ROUTES[name])))
    if not response["Content-Type"].startswith("text/html"):
        return  # a feed, the calendar, the sitemap, robots.txt: not a page
    notice = RECORDS_LANGUAGE[language]
    page = response.content.decode()
    if notice is None:
        assert 'class="wrap records-language"' not in page
    else:
        assert page.count(notice) == 1


LANGUAGE_LINKS = re.compile(r'<ul class="language"[^>]*>(.*?)</ul>', re.S)


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", sorted(set(ROUTES) - {"set_language"}))
def test_each_page_links_to_itself_in_the_other_language(client, demo_record, name, language):
    """The language switch is a link to the same page in the other language, which needs no
    cookie and no form; search engines read the same pairs as hreflang alternates."""
    other = "fr" if language == "en" else "en"
    with translation.override(language):
        url = reverse(name, kwargs=demo_arguments(name, ROUTES[name]))
    with translation.override(other):
        other_url = reverse(name, kwargs=demo_arguments(name, ROUTES[name]))
    response = client.get(url)
    if not response["Content-Type"].startswith("text/html"):
        return  # a feed, the calendar, the sitemap, robots.txt: one address for all
    page = response.content.decode()
    switch = LANGUAGE_LINKS.search(page).group(1)
    assert f'<a href="{other_url}" hreflang="{other}"' in switch
    assert f'<span aria-current="true" lang="{language}"' in switch
    assert f'hreflang="{other}" href="http://testserver{other_url}"' in page
    assert "csrfmiddlewaretoken" not in page
