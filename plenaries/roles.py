"""The two editorial roles, as groups: Editors add and change records (and delete drafts);
Publishers also publish, unpublish and delete published records. The admin enforces the rest
(plenaries.admin.publishing.PublishableAdmin)."""

from django.db import DEFAULT_DB_ALIAS

EDITORS = "Editors"
PUBLISHERS = "Publishers"


def ensure_roles(group_model, permission_model, using=DEFAULT_DB_ALIAS):
    """Create or update both groups. Takes the models and the database, so that a migration can
    pass its own."""
    record = permission_model.objects.using(using).filter(content_type__app_label="plenaries")
    editing = record.filter(codename__regex=r"^(add|change|view|delete)_")
    publishing = record.filter(codename__startswith="publish_")
    editors, _ = group_model.objects.using(using).get_or_create(name=EDITORS)
    editors.permissions.set(editing)
    publishers, _ = group_model.objects.using(using).get_or_create(name=PUBLISHERS)
    publishers.permissions.set(editing | publishing)
