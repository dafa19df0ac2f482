"""A stand-in for documents.rendering in tests (same interface, tiny WeasyPrint PDFs)."""

from documents.rendering import Rendered

from .pki import small_pdf

BOX = (0, 330, 60, 560, 140)  # where the real templates leave the signature, roughly


def _units(items):
    return ", ".join(
        (i.dossier.unit.name if i.dossier_id else str(i.nominee)) for i in items if i.recognised
    )


def decision_pdf(decision, items=None, *, verify_url=None, short_code=None) -> bytes:
    items = list(decision.items.all()) if items is None else items
    number = decision.reference if decision.number else "(dự thảo)"
    return small_pdf(f"Quyết định số {number} — {_units(items)} — mã {short_code} {verify_url}")


def certificates_pdf(decision, items=None, *, verify_url=None, short_code=None) -> bytes:
    items = list(decision.items.all()) if items is None else items
    return small_pdf(f"Giấy công nhận — {_units(items)} — mã {short_code}")


def certificate_pdf(item, *, verify_url=None, short_code=None) -> bytes:
    return small_pdf(f"Giấy công nhận — {_units([item])} — mã {short_code}")


def render_decision(decision, items=None, *, verify_url=None, short_code=None) -> Rendered:
    return Rendered(
        decision_pdf(decision, items, verify_url=verify_url, short_code=short_code), [BOX]
    )


def render_certificates(decision, items=None, *, verify_url=None, short_code=None) -> Rendered:
    pdf = certificates_pdf(decision, items, verify_url=verify_url, short_code=short_code)
    return Rendered(pdf, [BOX])


def render_certificate(item, *, verify_url=None, short_code=None) -> Rendered:
    return Rendered(certificate_pdf(item, verify_url=verify_url, short_code=short_code), [BOX])
