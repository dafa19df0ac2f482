"""Issued documents as PDF (issue #10, part A): a decision in the Decree 30/2020/NĐ-CP
layout and its certificates (Giấy công nhận — Circular 124/2021/TT-BCA Art. 10: the
committee "ra quyết định công nhận và cấp Giấy công nhận"; Giấy khen / Bằng khen for a
reward decision), rendered from Django templates in templates/documents/ by WeasyPrint.

One function per document for both kinds of decision (recognition `dossiers.Decision` with
dossier items, reward decisions with nominee items): the kind is read from the items.

    decision_pdf(decision, items=None, *, verify_url=None, short_code=None) -> bytes
    certificates_pdf(decision, items=None, *, verify_url=None, short_code=None) -> bytes
    certificate_pdf(item, *, decision=None, verify_url=None, short_code=None) -> bytes

`render_decision` / `render_certificates` / `render_certificate` return the same PDF with
the rectangle left empty for the visible digital signature (`Rendered.signature_boxes`: one
(page_index, x1, y1, x2, y2) per signature, in PDF points, origin bottom-left, as pyHanko
places fields). An unsaved decision (number None) renders as a draft: "Số:      /QĐ-UBND"
and a "DỰ THẢO" watermark, with its unsaved items passed in `items`."""

from dataclasses import dataclass
from functools import cache

import segno
from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from dossiers.models import DecidingRole, DecisionKind

from . import legal_bases, nd30

SIGNATURE_BOX_CLASS = "signature-box"
PX_TO_PT = 0.75  # WeasyPrint lays out in CSS px (96 per inch); PDF points are 72 per inch


@dataclass
class Rendered:
    pdf: bytes
    signature_boxes: list  # [(page_index, x1, y1, x2, y2)] in PDF points


# --- what the templates print -------------------------------------------------------------


def _items(decision, items):
    if items is not None:
        return list(items)
    if decision.pk is None:
        return []
    return list(
        decision.items.select_related(
            "dossier__unit__area", "nominee__unit", "nominee__workplace", "nominee__form"
        ).order_by("pk")
    )


def _is_reward(items) -> bool:
    return bool(items) and items[0].nominee_id is not None


def _reward_form(items):
    return items[0].nominee.form if items else None


def _nominee_name(nominee) -> str:
    return f"Tập thể {nominee.unit.name}" if nominee.unit_id else nominee.full_name


def _nominee_detail(nominee) -> str:
    if nominee.unit_id:
        return nominee.unit.get_kind_display()
    parts = [nominee.position, nominee.workplace.name if nominee.workplace_id else ""]
    return ", ".join(p for p in parts if p)


def _qr(verify_url):
    if not verify_url:
        return None
    # A raster image: embedded once and only placed on each page (an SVG is redrawn on each
    # of 500 certificate pages).
    return segno.make(verify_url, error="m").png_data_uri(scale=6, border=0)


def _body(decision, reward_form):
    """Who issues and who signs: a People's Committee (recognition: the committee as a
    collective body; a reward: its chairman's own power, without "TM.") or the provincial
    police director (a police reward form)."""
    area_name = nd30.issuing_body(decision.issuer.name)
    in_text = area_name[:1].lower() + area_name[1:]  # "phường Gò Dầu" inside a sentence
    police = reward_form is not None and reward_form.deciding_role == DecidingRole.POLICE
    if police:
        return {
            "parent": "BỘ CÔNG AN",
            "name": f"CÔNG AN {area_name.upper()}",
            "authority": f"GIÁM ĐỐC CÔNG AN {area_name.upper()}",
            "office": f"Công an {in_text}",
            "text": f"Giám đốc Công an {in_text}",
            "collective": None,
            "head": "GIÁM ĐỐC",
            "deputy": "PHÓ GIÁM ĐỐC",
        }
    collective = reward_form is None and getattr(settings, "ANTT_RECOGNITION_BY_COMMITTEE", True)
    return {
        "parent": "ỦY BAN NHÂN DÂN",
        "name": area_name.upper(),
        "authority": ("ỦY BAN NHÂN DÂN " if collective else "CHỦ TỊCH ỦY BAN NHÂN DÂN ")
        + area_name.upper(),
        "office": f"Ủy ban nhân dân {in_text}",
        "text": ("Ủy ban nhân dân " if collective else "Chủ tịch Ủy ban nhân dân ") + in_text,
        "collective": "ỦY BAN NHÂN DÂN" if collective else None,
        "head": "CHỦ TỊCH",
        "deputy": "PHÓ CHỦ TỊCH",
    }


def _signature(decision, body):
    deputy = body["deputy"]
    if decision.authority == "kt" and decision.signer_title:
        deputy = decision.signer_title
    return nd30.signature_lines(
        decision.authority,
        collective=body["collective"],
        head=body["head"],
        deputy=deputy,
        signer_title=decision.signer_title,
    )


def decision_context(decision, items=None, *, verify_url=None, short_code=None) -> dict:
    items = _items(decision, items)
    reward = _is_reward(items)
    form = _reward_form(items) if reward else None
    revoke = decision.kind == DecisionKind.REVOKE
    listed = items if revoke else [i for i in items if i.recognised]
    body = _body(decision, form)
    if reward:
        rows = [
            {"name": _nominee_name(i.nominee), "detail": _nominee_detail(i.nominee), "item": i}
            for i in listed
        ]
        collectives = sum(1 for i in listed if i.nominee.unit_id)
        recipients = [
            f"{collectives} tập thể" if collectives else "",
            f"{len(listed) - collectives} cá nhân" if len(listed) > collectives else "",
        ]
    else:
        rows = [
            {
                "name": i.dossier.unit.name,
                "detail": nd30.issuing_body(i.dossier.unit.area.name),
                "item": i,
            }
            for i in listed
        ]
        recipients = [f"{len(listed)} đơn vị"]
    proposal = (
        nd30.proposal_line(
            decision.proposal_office, decision.proposal_number, decision.proposal_date
        )
        if decision.proposal_office
        else f"Theo đề nghị của {form.appraising_office}."
        if form is not None
        else ""
    )
    return {
        "decision": decision,
        "draft": decision.number is None,
        "reward": reward,
        "revoke": revoke,
        "form": form,
        "award_name": form.name if form else "",
        "body": body,
        "reference": nd30.reference_line(decision.number, decision.symbol),
        "number_symbol": f"{nd30.number_text(decision.number)}/{decision.symbol}",
        "place_date": nd30.place_date_line(decision.issuer.name, decision.issued_on),
        "bases": legal_bases.bases_for(
            legal_bases.REWARD if reward else legal_bases.RECOGNITION,
            decision.issued_on,
            police=body["parent"] == "BỘ CÔNG AN",
        ),
        "proposal": proposal,
        "rows": rows,
        "recipients": " và ".join(r for r in recipients if r),
        "signature_lines": _signature(decision, body),
        "qr": _qr(verify_url),
        "short_code": short_code,
        "verify_url": verify_url,
    }


def certificate_title(form) -> str:
    """ "GIẤY CÔNG NHẬN"; a reward's "GIẤY KHEN" / "BẰNG KHEN" (its form's name before
    "của")."""
    if form is None:
        return "GIẤY CÔNG NHẬN"
    return form.name.split(" của ")[0].upper()


# --- HTML → PDF -----------------------------------------------------------------------------


@cache
def _fonts() -> FontConfiguration:
    return FontConfiguration()


def _static_base() -> str:
    return str(settings.BASE_DIR / "static") + "/"


def _signature_boxes(document) -> list:
    boxes = []
    for index, page in enumerate(document.pages):
        height_pt = page.height * PX_TO_PT
        for box in page._page_box.descendants(placeholders=True):
            element = getattr(box, "element", None)
            if element is None or SIGNATURE_BOX_CLASS not in (element.get("class") or "").split():
                continue
            x, y = box.border_box_x(), box.border_box_y()
            w, h = box.border_width(), box.border_height()
            boxes.append(
                (
                    index,
                    round(x * PX_TO_PT, 2),
                    round(height_pt - (y + h) * PX_TO_PT, 2),
                    round((x + w) * PX_TO_PT, 2),
                    round(height_pt - y * PX_TO_PT, 2),
                )
            )
            break  # one box per page
    return boxes


def _render(name: str, context: dict) -> Rendered:
    """templates/documents/<name>.html laid out by _base.css and <name>.css (templates too,
    so a province adapts the layout as well as the wording); fonts and images are read
    from static/."""
    html = render_to_string(f"documents/{name}.html", context)
    css = render_to_string("documents/_base.css") + render_to_string(f"documents/{name}.css")
    base = _static_base()
    document = HTML(string=html, base_url=base).render(
        stylesheets=[CSS(string=css, base_url=base, font_config=_fonts())],
        font_config=_fonts(),
    )
    return Rendered(document.write_pdf(), _signature_boxes(document))


def render_decision(decision, items=None, *, verify_url=None, short_code=None) -> Rendered:
    context = decision_context(decision, items, verify_url=verify_url, short_code=short_code)
    return _render("decision", context)


def decision_pdf(decision, items=None, *, verify_url=None, short_code=None) -> bytes:
    return render_decision(decision, items, verify_url=verify_url, short_code=short_code).pdf


def render_certificates(decision, items=None, *, verify_url=None, short_code=None) -> Rendered:
    """One landscape A4 page per recognised unit (awarded nominee) of the decision."""
    context = decision_context(decision, items, verify_url=verify_url, short_code=short_code)
    context["title"] = certificate_title(context["form"])
    return _render("certificates", context)


def certificates_pdf(decision, items=None, *, verify_url=None, short_code=None) -> bytes:
    return render_certificates(decision, items, verify_url=verify_url, short_code=short_code).pdf


def render_certificate(item, *, decision=None, verify_url=None, short_code=None) -> Rendered:
    """One certificate: the item's unit (nominee) alone."""
    decision = decision or item.decision
    return render_certificates(decision, [item], verify_url=verify_url, short_code=short_code)


def certificate_pdf(item, *, decision=None, verify_url=None, short_code=None) -> bytes:
    return render_certificate(
        item, decision=decision, verify_url=verify_url, short_code=short_code
    ).pdf
