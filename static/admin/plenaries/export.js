"use strict";
// The export page's "Select all" box (templates/admin/import_export/export.html), wired here
// rather than by django-import-export's onchange attribute, which the admin's policy refuses.
// onSelectToggleChange() is the library's own (import_export/export_selectable_fields.js).
document.addEventListener("change", (event) => {
    if (event.target.matches(".select-toggle")) {
        onSelectToggleChange(event);
    }
});
