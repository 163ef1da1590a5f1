"""The Content-Security-Policy of each part of the site, chosen by the address asked for.

The policies themselves are in settings: CONTENT_SECURITY_POLICY for the public pages, which run
no script, and CSP_ADMIN_POLICY and CSP_API_DOCS_POLICY for the two parts that do."""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse

from kp_tracker.routers import is_admin_path


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, giving the admin and the API documentation their own policy.

    django-csp 4.0 changes one view's policy with a decorator (csp_override); the admin is many
    views, partly django-import-export's and django-simple-history's, so its policy goes by path.
    A view's own decorator still wins."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if parts.config is None and not report_only:
            policy = policy_for(request.path_info)
            if policy is not None:
                parts.config = default_config(policy["DIRECTIVES"])
        return parts


def policy_for(path):
    """The admin's or the API documentation's policy for `path`, or None for the site's own."""
    if is_admin_path(path):
        return settings.CSP_ADMIN_POLICY
    if path.startswith(reverse("api:docs")):
        return settings.CSP_API_DOCS_POLICY
    return None
