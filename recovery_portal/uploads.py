"""Checks on uploaded files: size, and a type judged by the file's first bytes, not only its name."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# Extension → the bytes such a file starts with.
SIGNATURES = {
    "pdf": [b"%PDF-"],
    "png": [b"\x89PNG\r\n\x1a\n"],
    "jpg": [b"\xff\xd8\xff"],
    "jpeg": [b"\xff\xd8\xff"],
    "docx": [b"PK\x03\x04"],
    "xlsx": [b"PK\x03\x04"],
    "csv": [],  # text: checked by decoding instead
    "txt": [],
}
EVIDENCE_TYPES = ("pdf", "png", "jpg", "jpeg", "docx", "xlsx")


def validate_upload(
    upload, *, allowed: tuple[str, ...] = EVIDENCE_TYPES, max_bytes: int = MAX_UPLOAD_BYTES
) -> None:
    """Raise a ValidationError with a message for the person when the file is too big or not allowed."""
    names = ", ".join(ext.upper() for ext in allowed if ext != "jpeg")
    if upload.size > max_bytes:
        raise ValidationError(
            f"The selected file must be smaller than {filesizeformat(max_bytes)}", code="too_big"
        )
    if upload.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in allowed:
        raise ValidationError(f"The selected file must be a {names}", code="wrong_type")
    head = upload.read(16)
    upload.seek(0)
    signatures = SIGNATURES.get(extension, [])
    if signatures and not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(
            f"The selected file is not a real {extension.upper()} file", code="wrong_content"
        )
    if not signatures:
        try:
            upload.read(64 * 1024).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                "The selected file must be text saved as UTF-8", code="wrong_content"
            ) from None
        finally:
            upload.seek(0)
