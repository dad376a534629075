"""The upload form: one file, checked for size and type before it is read."""

from django import forms

from recovery_portal.form_messages import NHSForm
from recovery_portal.uploads import validate_upload

IMPORT_TYPES = ("csv", "xlsx")
# A 200,000-row CSV of the template is about 16 MB.
IMPORT_MAX_BYTES = 25 * 1024 * 1024


class ReturnFileForm(NHSForm):
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV (UTF-8) or Excel (XLSX) file made from the template, smaller than 25 MB.",
        error_messages={"required": "Select a CSV or XLSX file of returns"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, allowed=IMPORT_TYPES, max_bytes=IMPORT_MAX_BYTES)
        return upload
