"""Markdown fields in the admin: a hint of the syntax, and a preview the server renders with the
public page's sanitiser (plenaries.markup), so that an editor sees what readers will see."""

from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenaries.markup import render_markdown

SYNTAX_HINT = gettext_lazy(
    "Markdown: *emphasis*, **strong**, [link text](https://…); "
    "start each list item on a line of its own with “- ”."
)


class MarkdownTextarea(AdminTextareaWidget):
    """A textarea with a Preview button and the live region the rendered preview goes into.

    The button's script is a static file (no inline script): it posts the text to `preview_url`
    and shows the answer, or a message when there is none."""

    class Media:
        js = ("admin/plenaries/markdown-preview.js",)

    def __init__(self, preview_url, label, attrs=None):
        super().__init__(attrs)
        self.preview_url = preview_url
        self.label = label

    def render(self, name, value, attrs=None, renderer=None):
        return format_html(
            '<div class="markdown-field">{textarea}'
            '<button type="button" class="button markdown-preview-button" data-url="{url}" '
            'data-empty="{empty}" data-failed="{failed}">{button}</button>'
            '<div class="markdown-preview" role="region" aria-live="polite" aria-label="{label}">'
            "</div></div>",
            textarea=super().render(name, value, attrs, renderer),
            url=self.preview_url,
            empty=_("Nothing to preview: the field is empty."),
            failed=_("The preview could not be shown."),
            button=_("Preview"),
            label=_("Preview of %(field)s") % {"field": self.label},
        )


class MarkdownAdminMixin:
    """For a ModelAdmin: each of the model's `markdown_fields` gets the syntax hint in its help
    text and a MarkdownTextarea, whose previews this admin renders at `<model>/preview-markdown/`.
    """

    def markdown_preview_url_name(self):
        opts = self.model._meta
        return f"{opts.app_label}_{opts.model_name}_markdown_preview"

    def get_urls(self):
        urls = super().get_urls()
        if not self.model.markdown_fields:
            return urls
        preview = path(
            "preview-markdown/",
            self.admin_site.admin_view(self.markdown_preview_view),
            name=self.markdown_preview_url_name(),
        )
        return [preview, *urls]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.model.markdown_fields:
            url = reverse(
                f"{self.admin_site.name}:{self.markdown_preview_url_name()}",
                current_app=self.admin_site.name,
            )
            kwargs["widget"] = MarkdownTextarea(url, capfirst(db_field.verbose_name))
            kwargs["help_text"] = (
                format_html("{} {}", db_field.help_text, SYNTAX_HINT)
                if db_field.help_text
                else SYNTAX_HINT
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def markdown_preview_view(self, request):
        """The posted text as the public page would show it. Only for a staff user who may
        change or add this model (admin_view checks staff, sign-in and the CSRF token)."""
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return HttpResponse(render_markdown(request.POST.get("text", "")))
