"""Who sits at the evaluation meeting, per unit kind (Circular 124, Art. 9 cl. 1), in the
circular's words. The first seat chairs the meeting.

- Residential area (cl. 1 a): "Trưởng khu dân cư chủ trì cuộc họp cùng Bí thư chi bộ, đại
  diện Ban Công tác Mặt trận, đại diện các tổ chức đoàn thể quần chúng (nếu có) và đại diện
  Công an cấp cơ sở".
- Agency, enterprise, school (cl. 1 c): "Người đứng đầu … chủ trì cuộc họp gồm đại diện cấp
  ủy Đảng, các tổ chức đoàn thể, lực lượng bảo vệ (nếu có), đại diện Công an cơ sở, đại
  diện cơ quan có thẩm quyền quản lý".
- Commune (cl. 1 b): the commune steering committee's standing office reviews the year
  itself ("Thường trực Ban Chỉ đạo … cấp xã kiểm điểm, đánh giá"); the circular names no
  other attendees, so only the standing office's representative, who chairs, is asked for.
"""

from dataclasses import dataclass

from ..models import UnitKind


@dataclass(frozen=True)
class Seat:
    code: str
    label: str
    required: bool = True


RESIDENTIAL_AREA = [
    Seat("chair", "Trưởng khu dân cư (chủ trì)"),
    Seat("party_cell_secretary", "Bí thư chi bộ"),
    Seat("front_committee", "Đại diện Ban Công tác Mặt trận"),
    Seat("mass_organisations", "Đại diện các tổ chức đoàn thể quần chúng (nếu có)", False),
    Seat("grassroots_police", "Đại diện Công an cấp cơ sở"),
]
ORGANISATION = [
    Seat("chair", "Người đứng đầu (chủ trì)"),
    Seat("party_committee", "Đại diện cấp ủy Đảng"),
    Seat("unions", "Đại diện các tổ chức đoàn thể"),
    Seat("guard_force", "Lực lượng bảo vệ (nếu có)", False),
    Seat("grassroots_police", "Đại diện Công an cơ sở"),
    Seat("managing_authority", "Đại diện cơ quan có thẩm quyền quản lý"),
]
COMMUNE = [
    Seat(
        "chair",
        "Đại diện Thường trực Ban Chỉ đạo phòng chống tội phạm, tệ nạn xã hội và xây dựng "
        "phong trào toàn dân bảo vệ an ninh Tổ quốc cấp xã (chủ trì)",
    ),
]

MEETING_SEATS: dict[str, list[Seat]] = {
    UnitKind.RESIDENTIAL_AREA: RESIDENTIAL_AREA,
    UnitKind.COMMUNE: COMMUNE,
    UnitKind.AGENCY: ORGANISATION,
    UnitKind.ENTERPRISE: ORGANISATION,
    UnitKind.SCHOOL: ORGANISATION,
}


def seats_for(unit_kind: str) -> list[Seat]:
    return MEETING_SEATS.get(unit_kind, [])


def seat_label(unit_kind: str, code: str) -> str:
    return next((s.label for s in seats_for(unit_kind) if s.code == code), code)
