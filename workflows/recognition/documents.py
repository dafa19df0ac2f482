"""Checks on uploaded evidence: allowed kinds recognised from the content, not the name;
a size limit; SHA-256 of what was stored (issue 3, "Submission")."""

import hashlib
import zipfile

from django.conf import settings

from dossiers.numbers import dung_luong
from dossiers.services import DomainError

MAX_UPLOAD_BYTES = getattr(settings, "MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sniff_content_type(head: bytes, upload) -> str | None:
    """The real type of a file from its first bytes (and, for Office files, the zip's
    parts): the file name plays no part."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"PK\x03\x04"):
        upload.seek(0)
        try:
            names = set(zipfile.ZipFile(upload).namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return XLSX
    return None


def inspect_upload(upload) -> tuple[str, str]:
    """(content type, sha256) of an acceptable upload, else a DomainError in Vietnamese."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise DomainError(
            f"Tệp “{upload.name}” quá lớn ({dung_luong(upload.size)}); "
            f"tối đa {MAX_UPLOAD_BYTES // 1048576} MB."
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff_content_type(head, upload)
    if content_type is None:
        raise DomainError(
            f"Tệp “{upload.name}” không đúng định dạng cho phép (PDF, ảnh JPEG/PNG, DOCX, "
            "XLSX). Định dạng được kiểm tra theo nội dung tệp, không theo tên."
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return content_type, digest.hexdigest()


def save_upload(document, upload):
    """Check an upload, fill the document row's type, size, name and SHA-256, and store
    the file (dossier documents and reward documents alike)."""
    document.content_type, document.sha256 = inspect_upload(upload)
    document.original_name = upload.name[:255]
    document.size = upload.size
    document.file.save(upload.name, upload, save=False)
    document.save()
    return document
