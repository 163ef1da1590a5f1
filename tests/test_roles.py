"""The editorial roles (plenaries.roles): after every migrate, Editors hold every permission to add,
change, view and delete the record's models, and Publishers those and every publish_ one."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from plenaries.roles import EDITORS, PUBLISHERS

pytestmark = pytest.mark.django_db


def test_a_migrate_gives_the_roles_every_permission_of_the_record():
    """The permissions of a model added after the roles were made join them with the migrate that
    adds it (plenaries.apps, on post_migrate), whatever the groups held before."""
    for name in (EDITORS, PUBLISHERS):
        Group.objects.get(name=name).permissions.clear()
    call_command("migrate", verbosity=0)
    record = Permission.objects.filter(content_type__app_label="plenaries")
    editing = record.filter(codename__regex=r"^(add|change|view|delete)_")
    assert set(Group.objects.get(name=EDITORS).permissions.all()) == set(editing)
    assert set(Group.objects.get(name=PUBLISHERS).permissions.all()) == set(record)
    assert record.count() > editing.count() > 0
