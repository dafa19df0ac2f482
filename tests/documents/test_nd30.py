"""Decree 30/2020/NĐ-CP layout rules (documents/nd30.py) and the legal bases chosen by the
decision date (documents/legal_bases.py), table-driven: no database."""

import datetime

import pytest

from documents import legal_bases, nd30
from documents.legal_bases import RECOGNITION, REWARD

D = datetime.date

# Appendix I, I.4.b: days below 10 and months 1 and 2 take a leading zero; no other month.
EVERY_MONTH = [
    (D(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
    (D(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
    (D(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
    (D(2026, 4, 10), "ngày 10 tháng 4 năm 2026"),
    (D(2026, 5, 7), "ngày 07 tháng 5 năm 2026"),
    (D(2026, 6, 30), "ngày 30 tháng 6 năm 2026"),
    (D(2026, 7, 1), "ngày 01 tháng 7 năm 2026"),
    (D(2026, 8, 19), "ngày 19 tháng 8 năm 2026"),
    (D(2026, 9, 2), "ngày 02 tháng 9 năm 2026"),
    (D(2026, 10, 31), "ngày 31 tháng 10 năm 2026"),
    (D(2026, 11, 11), "ngày 11 tháng 11 năm 2026"),
    (D(2026, 12, 1), "ngày 01 tháng 12 năm 2026"),
]


@pytest.mark.parametrize(("day", "words"), EVERY_MONTH)
def test_art_8_appendix_i_date_pads_days_below_10_and_months_1_2_only(day, words):
    assert nd30.date_words(day) == words


def test_art_8_appendix_i_every_month_covered():
    assert sorted(day.month for day, _ in EVERY_MONTH) == list(range(1, 13))


# Appendix I, I.4.a: the place is the unit's proper name, without its level word; a unit
# named by a number keeps it; an internal label is never printed.
PLACES = [
    ("Phường Gò Dầu", "Gò Dầu"),
    ("Tỉnh Tây Ninh", "Tây Ninh"),
    ("Tỉnh Tây Ninh (trước sắp xếp)", "Tây Ninh"),
    ("Xã Đông Thạnh", "Đông Thạnh"),
    ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
    ("Thị xã Hòa Thành", "Hòa Thành"),
    ("Thị trấn Dương Minh Châu", "Dương Minh Châu"),
    ("Huyện Châu Thành (trước sắp xếp)", "Châu Thành"),
    ("Đặc khu Côn Đảo", "Côn Đảo"),
    ("Phường 5", "Phường 5"),
    ("Quận 1", "Quận 1"),
    ("Bộ Công an", "Bộ Công an"),
]


@pytest.mark.parametrize(("area", "place"), PLACES)
def test_art_8_appendix_i_place_is_the_proper_name(area, place):
    assert nd30.place_name(area) == place


def test_art_8_place_date_line():
    assert nd30.place_date_line("Phường Gò Dầu", D(2026, 5, 7)) == (
        "Gò Dầu, ngày 07 tháng 5 năm 2026"
    )
    assert nd30.place_date_line("Tỉnh Tây Ninh (trước sắp xếp)", D(2024, 11, 19)) == (
        "Tây Ninh, ngày 19 tháng 11 năm 2024"
    )


@pytest.mark.parametrize(
    ("area", "body"),
    [
        ("Tỉnh Tây Ninh (trước sắp xếp)", "Tỉnh Tây Ninh"),
        ("Phường Gò Dầu", "Phường Gò Dầu"),
        ("Huyện Gò Dầu (trước sắp xếp) ", "Huyện Gò Dầu"),
    ],
)
def test_art_8_cl_2_b_issuing_body_as_named_then_without_label(area, body):
    assert nd30.issuing_body(area) == body


@pytest.mark.parametrize(
    ("number", "symbol", "line"),
    [
        (1, "QĐ-UBND", "Số: 01/QĐ-UBND"),
        (9, "QĐ-UBND", "Số: 09/QĐ-UBND"),
        (10, "QĐ-CAT", "Số: 10/QĐ-CAT"),
        (1234, "QĐ-UBND", "Số: 1234/QĐ-UBND"),
        (None, "QĐ-UBND", "Số:      /QĐ-UBND"),
    ],
)
def test_art_15_number_from_01_padded_and_blank_while_draft(number, symbol, line):
    assert nd30.reference_line(number, symbol) == line


UBND = {"head": "Chủ tịch", "deputy": "Phó Chủ tịch"}
POLICE = {"collective": None, "head": "GIÁM ĐỐC", "deputy": "PHÓ GIÁM ĐỐC"}
# Art. 13 cl. 1–4; Appendix I, II.7: each authority marker, for the committee as a
# collective body (a recognition), for the chairman's own power (a reward: no TM.) and for
# the police director.
SIGNATURES = [
    ("tm", {"collective": "Ủy ban nhân dân", **UBND}, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    (
        "kt",
        {"collective": "Ủy ban nhân dân", **UBND},
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    ),
    ("q", {"collective": "Ủy ban nhân dân", **UBND}, ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"]),
    (
        "tl",
        {"collective": "Ủy ban nhân dân", **UBND, "signer_title": "Chánh Văn phòng"},
        ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
    ),
    (
        "tuq",
        {"collective": None, **UBND, "signer_title": "Giám đốc Sở Nội vụ"},
        ["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ"],
    ),
    ("tm", {"collective": None, **UBND}, ["CHỦ TỊCH"]),
    ("kt", {"collective": None, **UBND}, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ("q", {"collective": None, **UBND}, ["Q. CHỦ TỊCH"]),
    ("tm", POLICE, ["GIÁM ĐỐC"]),
    ("kt", POLICE, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
]


@pytest.mark.parametrize(("marker", "body", "lines"), SIGNATURES)
def test_art_13_signature_lines_for_each_authority_marker(marker, body, lines):
    assert nd30.signature_lines(marker, **body) == lines


def test_art_13_every_authority_marker_has_lines():
    from dossiers.models import AuthorityMarker

    assert {marker for marker, _, _ in SIGNATURES} == set(AuthorityMarker.values)
    with pytest.raises(ValueError):
        nd30.signature_lines("xx", collective=None, head="CHỦ TỊCH", deputy="")


def test_appendix_i_proposal_names_office_and_to_trinh():
    assert nd30.proposal_line("Trưởng Công an phường Gò Dầu", "12/TTr-CAP", D(2026, 5, 2)) == (
        "Theo đề nghị của Trưởng Công an phường Gò Dầu tại Tờ trình số 12/TTr-CAP "
        "ngày 02 tháng 5 năm 2026."
    )
    assert nd30.proposal_line("Sở Nội vụ") == "Theo đề nghị của Sở Nội vụ."


def _numbers(kind, day):
    return [basis.number or basis.title for basis in legal_bases.bases_for(kind, day)]


# The bases in force on the decision date: Circular 48/2025 and Law 72/2025 only from the
# reform (01/07/2025); Decree 98/2023 until 30/06/2025, Decree 152/2025 from 01/07/2025.
BASES = [
    (RECOGNITION, D(2024, 11, 19), ["77/2015/QH13", "124/2021/TT-BCA"]),
    (RECOGNITION, D(2025, 6, 30), ["77/2015/QH13", "124/2021/TT-BCA"]),
    (RECOGNITION, D(2025, 7, 1), ["72/2025/QH15", "124/2021/TT-BCA", "48/2025/TT-BCA"]),
    (RECOGNITION, D(2026, 5, 7), ["72/2025/QH15", "124/2021/TT-BCA", "48/2025/TT-BCA"]),
    (REWARD, D(2024, 11, 19), ["77/2015/QH13", "06/2022/QH15", "98/2023/NĐ-CP"]),
    (REWARD, D(2025, 6, 30), ["77/2015/QH13", "06/2022/QH15", "98/2023/NĐ-CP"]),
    (REWARD, D(2025, 7, 1), ["72/2025/QH15", "06/2022/QH15", "152/2025/NĐ-CP"]),
]


@pytest.mark.parametrize(("kind", "day", "numbers"), BASES)
def test_appendix_i_legal_bases_chosen_by_decision_date(kind, day, numbers):
    assert _numbers(kind, day) == numbers


def test_appendix_i_police_decision_does_not_cite_local_government_law():
    assert [b.number for b in legal_bases.bases_for(REWARD, D(2026, 5, 7), police=True)] == [
        "06/2022/QH15",
        "152/2025/NĐ-CP",
    ]


def test_appendix_i_citation_has_type_number_date_issuer_title():
    tt124 = next(b for b in legal_bases.LEGAL_BASES if b.number == "124/2021/TT-BCA")
    assert tt124.citation() == (
        "Căn cứ Thông tư số 124/2021/TT-BCA ngày 28 tháng 12 năm 2021 của Bộ trưởng Bộ Công an "
        "quy định khu dân cư, xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục đạt "
        "tiêu chuẩn “An toàn về an ninh, trật tự”;"
    )
    law = next(b for b in legal_bases.LEGAL_BASES if b.number == "06/2022/QH15")
    assert law.citation() == (
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"
    )
