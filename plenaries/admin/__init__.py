"""The editorial admin, one module per concept. Importing them registers every model."""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator

from . import decisions, meetings, participants, statements  # noqa: F401
from .lookups import CheckedLookups


class SignInForm(AdminAuthenticationForm):
    """The admin's sign-in form, refusing a user name longer than any account's before it is
    looked up. Django sets only the input's maxlength, so a longer name reached the check and
    django-axes' record of the failure, which cannot hold it."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


admin.site.login_form = SignInForm
admin.site.site_header = "KP Tracker: editorial"
admin.site.site_title = "KP Tracker editorial"
admin.site.index_title = "The Kimberley Process record"
# Changelists need the width more than a second copy of the model list.
admin.site.enable_nav_sidebar = False

# Every list checks its filters, Django's accounts' and django-axes' sign-in records' included.
for model, model_admin in list(admin.site._registry.items()):
    if not isinstance(model_admin, CheckedLookups):
        admin.site.unregister(model)
        admin_class = type(model_admin)
        admin.site.register(model, type(admin_class.__name__, (CheckedLookups, admin_class), {}))
