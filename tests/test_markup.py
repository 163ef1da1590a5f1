import pytest

from plenaries.markup import render_markdown
from tests.factories import make_decision, make_source


def test_markdown_becomes_html():
    html = render_markdown("Lifted, **contingent** upon\n\n- enhanced vigilance")
    assert "<strong>contingent</strong>" in html
    assert "<li>enhanced vigilance</li>" in html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="#" onclick="alert(1)">click</a>',
        "<iframe src='https://example.org'></iframe>",
        "<style>body{display:none}</style>",
    ],
)
def test_an_editors_text_can_never_run_a_script(attack):
    html = render_markdown(f"Before {attack} after").lower()
    for danger in ("<script", "onerror", "onclick", "javascript:", "<iframe", "<style"):
        assert danger not in html
    assert "before" in html and "after" in html


def test_links_open_without_handing_over_the_page():
    html = render_markdown("[the communiqué](https://www.state.gov/2016-final-communique/)")
    assert 'href="https://www.state.gov/2016-final-communique/"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


@pytest.mark.django_db
def test_the_public_page_shows_the_summary_sanitised(client):
    decision = make_decision(
        summary="**Adopted** <script>alert('x')</script>", sources=[make_source()]
    )
    decision.publish()
    html = client.get(decision.get_absolute_url()).content.decode()
    assert "<strong>Adopted</strong>" in html
    assert "<script>alert" not in html
