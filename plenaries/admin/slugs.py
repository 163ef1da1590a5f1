"""Slugs in the record's convention (plenaries.slugs): pre-filled in the browser as the editor
types, and made on saving when left empty."""

from plenaries.slugs import CONVENTIONS


class SlugConventionAdminMixin:
    """For a ModelAdmin or an inline of a model with a slug convention: the slug may be left
    empty (it is made just before the record is saved, see plenaries.admin.base), its help text
    says the convention, and its input names the fields static/admin/plenaries/slug.js makes it
    from. An empty slug is None to the form, so that two new rows left empty are not taken for
    two rows with the same slug."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        convention = CONVENTIONS.get(db_field.model)
        if convention is None or db_field.name != "slug":
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        kwargs.update(required=False, empty_value=None, help_text=convention.help_text)
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        field.widget.attrs.update(
            {
                "data-slug-year": " ".join(convention.year_from),
                "data-slug-words": convention.words_from,
            }
        )
        return field
