"""The layout rules of an administrative document (Decree 30/2020/NĐ-CP on clerical work:
Art. 8 "thể thức", Art. 13 signing authority, Art. 15 numbering; Appendix I, the "Phụ lục I"
rules for the place name, the date and the signature block). Small pure functions: the
templates in templates/documents/ only print what these return."""

import datetime
import re

# Level words that open an administrative unit's name (Decree 30, Appendix I: the place
# name is the unit's proper name, without its level).
LEVEL_WORDS = (
    "Thành phố",
    "Thị xã",
    "Thị trấn",
    "Đặc khu",
    "Tỉnh",
    "Huyện",
    "Quận",
    "Xã",
    "Phường",
)
_LEVEL = re.compile(r"^(" + "|".join(LEVEL_WORDS) + r")\s+", re.IGNORECASE)
# An internal label of a historical area ("Tỉnh Tây Ninh (trước sắp xếp)"): never printed.
_LABEL = re.compile(r"\s*\([^)]*\)\s*$")

DRAFT_NUMBER = "     "  # the blank left for the number while the decision is a draft


def issuing_body(area_name: str) -> str:
    """The issuing area as it was named on the decision date (Art. 8 cl. 2 b): the area's
    own name, without an internal label such as "(trước sắp xếp)"."""
    return _LABEL.sub("", area_name).strip()


def place_name(area_name: str) -> str:
    """The place in the place-date line (Appendix I, I.4.a): the proper name of the unit
    where the body sits — "Phường Gò Dầu" → "Gò Dầu", "Tỉnh Tây Ninh" → "Tây Ninh"; a unit
    named by a number keeps its level word ("Phường 5")."""
    name = issuing_body(area_name)
    proper = _LEVEL.sub("", name, count=1)
    if proper == name or not proper or proper[0].isdigit():
        return name
    return proper


def day_text(day: int) -> str:
    """Days below 10 take a leading zero (Appendix I, I.4.b)."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Only months 1 and 2 take a leading zero (Appendix I, I.4.b): "01", "02", "3" … "12"."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_words(day: datetime.date) -> str:
    """ "ngày 07 tháng 5 năm 2026" (Appendix I, I.4.b)."""
    return f"ngày {day_text(day.day)} tháng {month_text(day.month)} năm {day.year}"


def place_date_line(area_name: str, day: datetime.date | None) -> str:
    """ "Gò Dầu, ngày 07 tháng 5 năm 2026"; an undated draft leaves the day and month blank."""
    place = place_name(area_name)
    if day is None:
        return f"{place}, ngày     tháng     năm       "
    return f"{place}, {date_words(day)}"


def number_text(number: int | None) -> str:
    """The number part of "Số:": from 01, below 10 zero-padded (Art. 15 cl. 1); a draft has
    no number yet (reserved only at signing) and leaves a blank."""
    if number is None:
        return DRAFT_NUMBER
    return f"{number:02d}"


def reference_line(number: int | None, symbol: str) -> str:
    """ "Số: 07/QĐ-UBND"; a draft "Số:      /QĐ-UBND" (Art. 8 cl. 2 c)."""
    return f"Số: {number_text(number)}/{symbol}"


def signature_lines(
    marker: str,
    *,
    collective: str | None,
    head: str,
    deputy: str,
    signer_title: str = "",
) -> list[str]:
    """The authority lines of the signature block (Art. 13; Appendix I, II.7), upper case.

    `collective`: the collective body the decision speaks for ("ỦY BAN NHÂN DÂN"), None for
    a head's own power (a chairman's reward decision, a police director). `head`: the
    head's title ("CHỦ TỊCH"), `deputy` the deputy's ("PHÓ CHỦ TỊCH"); `signer_title` the
    title printed under TL. and TUQ. (the office head who signs by order or authority).
        TM  — "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"; the head's own decision: "CHỦ TỊCH"
        KT  — "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"; own: "KT. CHỦ TỊCH / PHÓ …"
        Q   — "TM. ỦY BAN NHÂN DÂN / Q. CHỦ TỊCH"; own: "Q. CHỦ TỊCH"
        TL  — "TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG"
        TUQ — "TUQ. CHỦ TỊCH / CHÁNH VĂN PHÒNG"
    """
    on_behalf = [f"TM. {collective.upper()}"] if collective else []
    head = head.upper()
    if marker == "tm":
        return on_behalf + [head]
    if marker == "kt":
        return on_behalf + [f"KT. {head}", (deputy or signer_title).upper()]
    if marker == "q":
        return on_behalf + [f"Q. {head}"]
    if marker in ("tl", "tuq"):
        return [f"{marker.upper()}. {head}", (signer_title or "CHÁNH VĂN PHÒNG").upper()]
    raise ValueError(f"Thẩm quyền ký không hợp lệ: {marker!r}")


def proposal_line(office: str, number: str = "", day: datetime.date | None = None) -> str:
    """ "Theo đề nghị của Trưởng Công an phường Gò Dầu tại Tờ trình số 12/TTr-CAP ngày 02
    tháng 5 năm 2026." — the actual proposing office and its tờ trình (Appendix I)."""
    text = f"Theo đề nghị của {office.strip()}"
    if number:
        text += f" tại Tờ trình số {number.strip()}"
    if day is not None:
        text += f" {date_words(day)}" if number else f" ({date_words(day)})"
    return text + "."
