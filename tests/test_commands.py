from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from plenaries.models import Decision


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_local_editor_is_created_once_and_its_password_shown_once():
    first = run("create_local_editor")
    password = first.split("password: ")[1].split()[0]
    editor = get_user_model().objects.get(username="editor")
    assert editor.is_staff and editor.check_password(password)

    second = run("create_local_editor")
    assert password not in second
    assert "exists" in second
    editor.refresh_from_db()
    assert editor.check_password(password)


@pytest.mark.django_db
def test_load_demo_data_reports_what_it_loaded():
    assert "26 decisions" in run("load_demo_data")
    assert Decision.objects.published().count() == 26


@pytest.mark.django_db
def test_load_demo_data_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Nothing was loaded"):
        run("load_demo_data", str(tmp_path / "missing.yaml"))
