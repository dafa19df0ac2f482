"""The Minister's recognition decision, recorded by the province (Circular 124/2021/TT-BCA,
Art. 9 cl. 1 d: "Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc, Bộ Công an thẩm định hồ sơ
và báo cáo đề xuất Bộ trưởng Bộ Công an xét duyệt, quyết định công nhận"; Art. 10 cl. 4).

The provincial police standing office that transmitted the dossier to the Ministry records
the decision as issued: its number and symbol typed, its date, and per dossier recognised or
not. The province numbers nothing: no DecisionCounter is touched. Recording and applying the
result are the shared decision service's (workflows.decisions)."""

import datetime

from django.db import transaction

from dossiers.models import DossierStatus, RecordedRecognition, RecordedRecognitionItem
from dossiers.models.recorded_recognitions import MINISTER
from dossiers.services import DomainError
from workflows import decisions

from ..permissions import ensure_can_act
from .decisions import RECOGNITIONS, lock_dossiers


@transaction.atomic
def minister_decision_record(
    *,
    acting_user,
    results: list,
    reference: str,
    issued_on: datetime.date | None,
) -> RecordedRecognition:
    """Record the Minister's decision for dossiers one provincial police office transmitted
    to the Ministry (it becomes the decision's `recorded_in`). `results` is [(dossier,
    recognised, reason)]; the reason is optional (it is the Minister's). Who records: the
    police of the office that received the dossier (permissions "record"); anyone else
    gets PermissionDenied and nothing changes. Each dossier must be waiting for the
    decision — transmitted only when every criterion was met (Art. 4–7, the review's
    guard). Recording the same decision again for more dossiers reuses it."""
    results = lock_dossiers(results)
    for dossier, _, _ in results:
        ensure_can_act(acting_user, dossier, "record")
    reference = decisions.clean_recorded(reference, issued_on)
    if not results:
        raise DomainError(RECOGNITIONS.none_chosen)
    offices = {d.review_area_id for d, _, _ in results}
    if len(offices) > 1:
        raise DomainError("Mỗi lần chỉ ghi nhận các hồ sơ do cùng một cơ quan chuyển Bộ Công an.")
    waiting = [d for d, _, _ in results if d.status != DossierStatus.PROPOSED]
    if waiting:
        names = ", ".join(f"“{d.unit}”" for d in waiting)
        raise DomainError(f"Hồ sơ {names} không ở trạng thái chờ quyết định của Bộ trưởng.")
    decision = decisions.record_once(
        RecordedRecognition,
        fields=dict(
            recorded_in_id=offices.pop(),
            decided_by_id=results[0][0].decide_area_id,
            reference=reference,
            issued_on=issued_on,
        ),
        defaults={"authority": MINISTER, "recorded_by": acting_user},
    )
    RecordedRecognitionItem.objects.bulk_create(
        RecordedRecognitionItem(decision=decision, dossier=d, recognised=ok, reason=reason)
        for d, ok, reason in results
    )
    RECOGNITIONS.apply(
        acting_user=acting_user,
        chosen=decisions.Chosen(results=results),
        step="record_decision",
        comment=decisions.recorded_comment(decision),
    )
    return decision
