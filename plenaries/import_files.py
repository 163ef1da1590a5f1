"""What the import page checks of a file before import-export reads a row of it."""

import codecs
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from import_export import forms

from kp_tracker.limits import megabytes

# How many times its own size an XLSX file may unpack to: spreadsheets of text compress about
# five to ten times.
XLSX_EXPANSION = 20


class ImportForm(forms.ImportForm):
    """The import page's form, refusing with the reason why a text file that is not UTF-8, and a
    file over the limits (IMPORT_MAX_SIZE, IMPORT_MAX_ROWS) that keep an import's preview and its
    confirmation well inside the worker's timeout.

    Without it, import-export reports "'UnicodeDecodeError' encountered while trying to read file".
    A byte-order mark, as Excel's "CSV UTF-8" writes, is UTF-8 and is skipped when reading.
    """

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats

    def clean(self):
        cleaned_data = super().clean()
        file, chosen = cleaned_data.get("import_file"), cleaned_data.get("format")
        if file is None or not chosen:
            return cleaned_data
        file_format = self.formats[int(chosen)]()
        if file.size > settings.IMPORT_MAX_SIZE or unpacks_too_large(file_format, file):
            self.add_error("import_file", too_large(settings.IMPORT_MAX_SIZE))
        elif not file_format.is_binary() and not is_utf_8(file):
            self.add_error(
                "import_file",
                _("The file is not UTF-8 text: save it as CSV UTF-8 and try again."),
            )
        elif (rows := count_rows(file_format, file)) > settings.IMPORT_MAX_ROWS:
            message = _("The file has %(rows)d rows; an import takes at most %(most)d.")
            most = settings.IMPORT_MAX_ROWS
            self.add_error("import_file", message % {"rows": rows, "most": most})
        return cleaned_data


def too_large(limit):
    message = _("The file is larger than %(most)s MB, the most an import takes.")
    return message % {"most": megabytes(limit)}


def is_utf_8(file):
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in file.chunks():
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def unpacks_too_large(file_format, file):
    """Whether an XLSX file, a zip archive, would unpack to more than XLSX_EXPANSION times the
    size limit: a "zip bomb" passes any limit on the file's own size."""
    if not file_format.is_binary():
        return False
    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        return False  # the import page says it cannot read the file
    return unpacked > XLSX_EXPANSION * settings.IMPORT_MAX_SIZE


def count_rows(file_format, file):
    """The records in `file`, read as the import reads it; 0 if it cannot be read, which the
    import page then says in its words."""
    content = b"".join(file.chunks())
    if not file_format.is_binary():
        content = content.decode("utf-8-sig")
    try:
        return len(file_format.create_dataset(content))
    except Exception:  # noqa: BLE001
        return 0
