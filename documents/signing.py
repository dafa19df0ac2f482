"""Digital signatures on issued PDFs (PAdES, with pyHanko): the issuing body's PKCS#12,
its passphrase sealed at rest, the visible signature in the rectangle the renderer leaves
(Decree 30/2020/NĐ-CP, Art. 13 and Annex I: the signature block under the authority
lines), signing time in Việt Nam time (+07:00), and the check of a PDF someone received
against the certificate it was issued with."""

import asyncio
import base64
import datetime
import hashlib
import io
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from django.conf import settings
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

from dossiers.services import DomainError

# fontTools reports every table it subsets for the visible signature at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

VIETNAM = datetime.timezone(datetime.timedelta(hours=7))
FIELD_NAME = "ChuKySo"
BAD_PKCS12 = "Tệp không phải chứng thư số PKCS#12 hoặc mật khẩu không đúng."
#: The font the project ships (static/fonts, every Vietnamese diacritic): never a system guess.
FONT = Path(settings.BASE_DIR) / "static" / "fonts" / "LiberationSerif-Regular.ttf"


def _off_loop(function, *args, **kwargs):
    """pyHanko's synchronous calls run their own event loop; in a thread that already
    runs one (an async server, Playwright's sync API in tests) they run in a worker
    thread instead."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fernet() -> Fernet:
    secret = getattr(settings, "SIGNING_PASSPHRASE_KEY", "") or settings.SECRET_KEY
    key = hashlib.sha256(b"antt-signing-passphrase:" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(passphrase: str) -> bytes:
    """The passphrase encrypted with a key derived from the server's secret (the
    `SIGNING_PASSPHRASE_KEY` setting, else SECRET_KEY): never stored in clear."""
    return _fernet().encrypt(passphrase.encode())


def unseal(sealed: bytes) -> str:
    try:
        return _fernet().decrypt(bytes(sealed)).decode()
    except InvalidToken as exc:
        raise DomainError(
            "Không giải mã được mật khẩu chứng thư số (khóa máy chủ đã đổi); quản trị viên "
            "cần tải lại chứng thư."
        ) from exc


@dataclass(frozen=True)
class CertificateFacts:
    subject: str
    fingerprint: str
    not_after: datetime.datetime
    der: bytes


def read_pkcs12(data: bytes, passphrase: str) -> CertificateFacts:
    """What an uploaded PKCS#12 holds, or a DomainError in Vietnamese: it must open with
    the passphrase and hold a private key and its certificate."""
    try:
        key, cert, _ = pkcs12.load_key_and_certificates(data, passphrase.encode() or None)
    except (ValueError, TypeError) as exc:
        raise DomainError(BAD_PKCS12) from exc
    if key is None or cert is None:
        raise DomainError("Tệp PKCS#12 phải chứa khóa bí mật và chứng thư của cơ quan.")
    der = cert.public_bytes(Encoding.DER)
    return CertificateFacts(
        subject=cert.subject.rfc4514_string(),
        fingerprint=sha256(der),
        not_after=cert.not_valid_after_utc,
        der=der,
    )


def _stamp_style() -> TextStampStyle:
    text_box = TextBoxStyle(font=GlyphAccumulatorFactory(str(FONT)))
    return TextStampStyle(
        stamp_text="Ký số bởi: %(signer)s\nThời gian: %(ts)s",
        timestamp_format="%d/%m/%Y %H:%M:%S %z",
        text_box_style=text_box,
        border_width=1,
    )


def sign_pdf(
    pdf: bytes,
    *,
    pkcs12_data: bytes,
    passphrase: str,
    box: tuple,
    reason: str = "Ban hành văn bản",
    location: str = "",
) -> bytes:
    """`pdf` signed (PAdES baseline B) by the PKCS#12's key, the visible signature in
    `box` = (page_index, x1, y1, x2, y2) in points."""
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            pkcs12_data, other_certs=[], passphrase=passphrase.encode() or None
        )
    except (ValueError, TypeError) as exc:
        raise DomainError(BAD_PKCS12) from exc
    page, *rect = box
    signer_name = signer.signing_cert.subject.native.get("common_name", "")
    pdf_signer = signers.PdfSigner(
        signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=reason,
            location=location or None,
        ),
        signer=signer,
        stamp_style=_stamp_style(),
        new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=page, box=tuple(rect)),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    # pyHanko reads the time in the local zone, the server's TIME_ZONE (Asia/Ho_Chi_Minh,
    # +07:00) that Django sets for the process; signed_time() reads it back.
    out = _off_loop(pdf_signer.sign_pdf, writer, appearance_text_params={"signer": signer_name})
    return out.getvalue()


def signed_time(pdf: bytes) -> datetime.datetime:
    """The signing time the (last) signature of `pdf` carries."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    return reader.embedded_signatures[-1].self_reported_timestamp


def mark_draft(pdf: bytes) -> bytes:
    """Every page of an unsigned preview stamped "DỰ THẢO" (not for issue)."""
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.stamp import TextStamp

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    style = _stamp_style()
    style = TextStampStyle(
        stamp_text="DỰ THẢO — chưa ký, chưa có số",
        text_box_style=style.text_box_style,
        border_width=2,
    )
    for index in range(int(writer.root["/Pages"]["/Count"])):
        TextStamp(writer, style, box=BoxConstraints(width=260, height=40)).apply(index, 40, 780)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class Verdict:
    VALID = "valid"
    ALTERED = "altered"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class SignatureCheck:
    """Whether `pdf` carries a signature by the certificate `der` (`by_certificate`), and
    whether that signature is intact and valid over the whole file (`valid`)."""

    by_certificate: bool
    valid: bool


def check_signature(pdf: bytes, trusted: list[bytes]) -> SignatureCheck:
    """The embedded signature validated by pyHanko against the certificates the documents
    were issued with (`trusted`, DER): by one of them, intact, covering the whole file,
    the certificate valid at signing. A file too damaged to read is still recognised as
    signed by one of them when its signature container carries the certificate."""
    certs = {sha256(der): asn1_x509.Certificate.load(der) for der in trusted}
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = reader.embedded_signatures
    except Exception:  # noqa: BLE001 — any unreadable file: look for the certificate only
        return SignatureCheck(by_certificate=_carries(pdf, trusted), valid=False)
    for sig in embedded:
        try:
            der = sig.signer_cert.dump()
        except Exception:  # noqa: BLE001 — a broken signature container
            continue
        if sha256(der) not in certs:
            continue
        try:
            status = _off_loop(
                validate_pdf_signature,
                sig,
                ValidationContext(trust_roots=[certs[sha256(der)]], allow_fetching=False),
            )
        except Exception:  # noqa: BLE001 — a container that no longer parses is not valid
            return SignatureCheck(by_certificate=True, valid=False)
        whole = sig.coverage.name == "ENTIRE_FILE"
        return SignatureCheck(by_certificate=True, valid=bool(status.bottom_line and whole))
    return SignatureCheck(by_certificate=_carries(pdf, trusted), valid=False)


def _carries(pdf: bytes, trusted: list[bytes]) -> bool:
    lowered = pdf.lower()
    return any(bytes(der).hex().encode() in lowered for der in trusted)
