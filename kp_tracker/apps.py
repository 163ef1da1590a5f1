from django.contrib.admin.apps import AdminConfig


class EditorialAdminConfig(AdminConfig):
    """django.contrib.admin with admin.site an EditorialSite (kp_tracker.admin)."""

    default_site = "kp_tracker.admin.EditorialSite"
