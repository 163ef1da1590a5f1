"""Fill an admin change form the way a browser would submit it, from the page's own context."""

from django import forms
from django.urls import reverse


def _post_value(bound_field):
    value = bound_field.value()
    if isinstance(bound_field.field.widget, forms.CheckboxInput):
        return "on" if value else None
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if value is None:
        # An add form's empty many-to-many field sends nothing, not an empty choice.
        multiple = forms.MultipleChoiceField | forms.ModelMultipleChoiceField
        return [] if isinstance(bound_field.field, multiple) else ""
    return str(value)


def _add_form(data, form):
    for bound_field in form:
        value = _post_value(bound_field)
        if value is not None:
            data[bound_field.html_name] = value
        if bound_field.field.show_hidden_initial:
            initial = bound_field.initial
            if isinstance(initial, list | tuple):
                data[bound_field.html_initial_name] = [
                    str(getattr(item, "pk", item)) for item in initial
                ]
            else:
                data[bound_field.html_initial_name] = "" if initial is None else str(initial)


def change_form_data(response):
    """The POST data of the admin form in `response`, unchanged, ready to edit and submit."""
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for bound_field in formset.management_form:
            data[bound_field.html_name] = str(bound_field.value())
        for form in formset.forms:
            _add_form(data, form)
    return data


def admin_url(model, page, *args):
    """The address of one of `model`'s admin pages, by the end of its URL name."""
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=args)


def change_url(record):
    return admin_url(type(record), "change", record.pk)


def text_of(response):
    """The page's HTML with white space folded (entities kept, as the admin escapes them)."""
    return " ".join(response.content.decode().split())
