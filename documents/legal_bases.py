"""The legal bases ("Căn cứ …") a decision cites, chosen by its date (Decree 30/2020/NĐ-CP,
Appendix I: cite type, number, date, issuer and title the first time). Data, not wording:
the templates print `citation()`; a province adds or corrects rows here.

Each row is in force from `effective_from` to `effective_to` (both inclusive, None =
open). A decision cites the rows of its kind in force on its date — no Circular 48/2025 on
a 2024 decision, Decree 98/2023 before 01/07/2025 and Decree 152/2025 after."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from . import nd30

RECOGNITION = "recognition"
REWARD = "reward"


@dataclass(frozen=True)
class LegalBasis:
    kind: str  # "Luật", "Nghị định", "Thông tư"
    number: str | None  # "124/2021/TT-BCA"; a law cited by its date may have none
    signed_on: datetime.date | None
    issuer: str  # "của Bộ trưởng Bộ Công an"; "" for a law (the National Assembly)
    title: str
    effective_from: datetime.date | None
    effective_to: datetime.date | None
    applies_to: frozenset
    verified: bool = True  # False: the full official text was not found (domain-audit)
    committee_only: bool = False  # the local-government law: not for a police decision

    def in_force(self, day: datetime.date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to
        )

    def citation(self) -> str:
        """ "Căn cứ Thông tư số 124/2021/TT-BCA ngày 28 tháng 12 năm 2021 của Bộ trưởng Bộ
        Công an quy định …;" """
        parts = [f"Căn cứ {self.kind}"]
        if self.kind == "Luật":
            parts.append(self.title)
            if self.number:
                parts.append(f"số {self.number}")
            if self.signed_on:
                parts.append(nd30.date_words(self.signed_on))
        else:
            if self.number:
                parts.append(f"số {self.number}")
            if self.signed_on:
                parts.append(nd30.date_words(self.signed_on))
            if self.issuer:
                parts.append(self.issuer)
            parts.append(self.title)
        return " ".join(parts) + ";"


BOTH = frozenset({RECOGNITION, REWARD})
REFORM = datetime.date(2025, 7, 1)  # two-level local government (Law 72/2025/QH15)

LEGAL_BASES = [
    LegalBasis(
        "Luật",
        "77/2015/QH13",
        datetime.date(2015, 6, 19),
        "",
        "Tổ chức chính quyền địa phương",
        datetime.date(2016, 1, 1),
        REFORM - datetime.timedelta(days=1),
        BOTH,
        committee_only=True,
    ),
    LegalBasis(
        "Luật",
        "72/2025/QH15",
        datetime.date(2025, 6, 16),
        "",
        "Tổ chức chính quyền địa phương",
        REFORM,
        None,
        BOTH,
        committee_only=True,
    ),
    LegalBasis(
        "Thông tư",
        "124/2021/TT-BCA",
        datetime.date(2021, 12, 28),
        "của Bộ trưởng Bộ Công an",
        "quy định khu dân cư, xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục "
        "đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
        datetime.date(2022, 2, 10),
        None,
        frozenset({RECOGNITION}),
    ),
    # The full text of Circular 48/2025 was not found (domain-audit, "Not found"): its
    # signing date and exact title are unknown, so only what is known is printed, and it is
    # cited only from the reform date. Correct this row once the text is at hand.
    LegalBasis(
        "Thông tư",
        "48/2025/TT-BCA",
        None,
        "của Bộ trưởng Bộ Công an",
        "sửa đổi, bổ sung một số điều của Thông tư số 124/2021/TT-BCA",
        REFORM,
        None,
        frozenset({RECOGNITION}),
        verified=False,
    ),
    LegalBasis(
        "Luật",
        "06/2022/QH15",
        datetime.date(2022, 6, 15),
        "",
        "Thi đua, khen thưởng",
        datetime.date(2024, 1, 1),
        None,
        frozenset({REWARD}),
    ),
    LegalBasis(
        "Nghị định",
        "98/2023/NĐ-CP",
        datetime.date(2023, 12, 31),
        "của Chính phủ",
        "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        datetime.date(2024, 1, 1),
        REFORM - datetime.timedelta(days=1),
        frozenset({REWARD}),
    ),
    LegalBasis(
        "Nghị định",
        "152/2025/NĐ-CP",
        datetime.date(2025, 6, 14),
        "của Chính phủ",
        "quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi "
        "tiết và hướng dẫn thi hành Luật Thi đua, khen thưởng",
        REFORM,
        None,
        frozenset({REWARD}),
    ),
]


def bases_for(kind: str, day: datetime.date | None, *, police: bool = False) -> list[LegalBasis]:
    """The bases a decision of `kind` (RECOGNITION, REWARD) dated `day` cites, in the
    order of the list (laws first); a police director's decision does not cite the
    local-government law. An undated draft cites those in force today."""
    day = day or timezone.localdate()
    return [
        b
        for b in LEGAL_BASES
        if kind in b.applies_to and b.in_force(day) and not (police and b.committee_only)
    ]
