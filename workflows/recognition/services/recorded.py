"""The Minister's recognition decision, recorded by the province (Circular 124/2021/TT-BCA,
Art. 9 cl. 1 d: "Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc, Bộ Công an thẩm định hồ sơ
và báo cáo đề xuất Bộ trưởng Bộ Công an xét duyệt, quyết định công nhận"; Art. 10 cl. 4).

The provincial police standing office that transmitted the dossier to the Ministry records
the decision as issued: its number and symbol typed, its date, and per dossier recognised or
not. The province numbers nothing: no DecisionCounter is touched."""

import datetime

from django.db import IntegrityError, transaction

from dossiers.decisions import clean_reference
from dossiers.models import (
    Dossier,
    DossierStatus,
    RecordedRecognition,
    RecordedRecognitionItem,
)
from dossiers.models.recorded_recognitions import MINISTER
from dossiers.services import DomainError

from ..permissions import ensure_can_act
from .decisions import decide_dossiers


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
    # Re-read under lock: of two officers recording at once, the second finds them decided.
    locked = {
        d.pk: d
        for d in Dossier.objects.select_for_update(of=("self",))
        .select_related("unit")
        .filter(pk__in=[d.pk for d, _, _ in results])
    }
    results = [(locked[d.pk], ok, (reason or "").strip()) for d, ok, reason in results]
    for dossier, _, _ in results:
        ensure_can_act(acting_user, dossier, "record")
    reference = clean_reference(reference)
    if issued_on is None:
        raise DomainError("Vui lòng nhập ngày quyết định.")
    if not results:
        raise DomainError("Vui lòng chọn ít nhất một hồ sơ.")
    offices = {d.review_area_id for d, _, _ in results}
    if len(offices) > 1:
        raise DomainError("Mỗi lần chỉ ghi nhận các hồ sơ do cùng một cơ quan chuyển Bộ Công an.")
    waiting = [d for d, _, _ in results if d.status != DossierStatus.PROPOSED]
    if waiting:
        names = ", ".join(f"“{d.unit}”" for d in waiting)
        raise DomainError(f"Hồ sơ {names} không ở trạng thái chờ quyết định của Bộ trưởng.")
    fields = dict(
        recorded_in_id=offices.pop(),
        decided_by_id=results[0][0].decide_area_id,
        reference=reference,
        issued_on=issued_on,
    )
    try:
        with transaction.atomic():
            decision, _ = RecordedRecognition.objects.get_or_create(
                **fields, defaults={"authority": MINISTER, "recorded_by": acting_user}
            )
    except IntegrityError:  # recorded by someone else at the same moment
        decision = RecordedRecognition.objects.get(**fields)
    RecordedRecognitionItem.objects.bulk_create(
        RecordedRecognitionItem(decision=decision, dossier=d, recognised=ok, reason=reason)
        for d, ok, reason in results
    )
    decide_dossiers(
        acting_user=acting_user,
        results=results,
        step="record_decision",
        comment=f"Ghi nhận Quyết định số {decision.reference} ngày "
        f"{decision.issued_on:%d/%m/%Y} của {decision.authority}",
    )
    return decision
