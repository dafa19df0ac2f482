"""The registration dossier of Quarter I (Circular 124, Art. 9 cl. 2 a) and its
acknowledgement by the police office the routing names."""

from django.db import transaction
from django.utils import timezone

from dossiers.models import DocumentKind, RegistrationDocument, RegistrationDossier, UnitKind
from dossiers.reference.seed import REGISTRATION_DOSSIER
from dossiers.services import DomainError

from ..documents import inspect_upload, save_upload
from ..permissions import ensure_can_act
from .core import record_transition


class RegistrationIncomplete(DomainError):
    """A registration that lacks something the unit must give; `field_errors` maps a
    field ("households_total", "has_party_organisation", or a document kind's code) to
    its Vietnamese message, so the form can show each next to its field."""

    def __init__(self, field_errors: dict[str, str]):
        self.field_errors = field_errors
        super().__init__(" ".join(field_errors.values()))


def registration_documents_required(unit_kind: str, has_party_organisation: bool) -> list[str]:
    """Art. 9 cl. 2 a, "Hồ sơ đăng ký": the Party committee's resolution "(nơi có tổ chức
    Đảng)"; the security plan "của Ủy ban nhân dân xã, phường, thị trấn; cơ quan, doanh
    nghiệp, cơ sở giáo dục" — not of a residential area, whose Quarter I duties are the
    Party cell's resolution, the registration and the households' (Art. 4 cl. 1); and the
    registration form itself."""
    codes = list(REGISTRATION_DOSSIER)
    if not has_party_organisation:
        codes.remove("party_resolution")
    if unit_kind == UnitKind.RESIDENTIAL_AREA:
        codes.remove("security_plan")
    return codes


def registration_problems(
    *, unit, households_total, households_registered, has_party_organisation, documents
) -> dict[str, str]:
    """Everything missing or wrong in a registration, per field; uploads are checked like
    every dossier document (type from content, size limit)."""
    problems = {}
    if unit.kind == UnitKind.RESIDENTIAL_AREA:
        if households_total is None:
            problems["households_total"] = "Khu dân cư phải ghi tổng số hộ gia đình."
        if households_registered is None:
            problems["households_registered"] = "Khu dân cư phải ghi số hộ đã đăng ký, ký cam kết."
        elif households_total is not None and households_registered > households_total:
            problems["households_registered"] = "Số hộ đăng ký không được lớn hơn tổng số hộ."
    if has_party_organisation is None:
        problems["has_party_organisation"] = "Vui lòng cho biết đơn vị có tổ chức Đảng hay không."
    kinds = {k.code: k for k in DocumentKind.objects.filter(code__in=REGISTRATION_DOSSIER)}
    required = registration_documents_required(unit.kind, bool(has_party_organisation))
    for code in REGISTRATION_DOSSIER:
        upload = documents.get(code)
        if upload is None:
            if code in required:
                problems[code] = f"Vui lòng tải lên: {kinds[code].name}."
            continue
        try:
            inspect_upload(upload)
        except DomainError as error:
            problems[code] = str(error)
    return problems


def registration_store(*, dossier, user, on, has_party_organisation, documents, late=None):
    """Keep the registration dossier sent with the registration (checked beforehand by
    registration_problems)."""
    registration = RegistrationDossier.objects.create(
        dossier=dossier,
        has_party_organisation=has_party_organisation,
        registered_on=on,
        late_registration=late,
    )
    kinds = {k.code: k for k in DocumentKind.objects.filter(code__in=documents)}
    for code, upload in documents.items():
        save_upload(
            RegistrationDocument(registration=registration, kind=kinds[code], uploaded_by=user),
            upload,
        )
    return registration


@transaction.atomic
def registration_acknowledge(*, acting_user, dossier) -> RegistrationDossier:
    """The police office the routing names (the dossier's review area) acknowledges the
    registration dossier (Art. 9 cl. 2 a): who and when are kept, the history shows it, the
    dossier's status does not change."""
    ensure_can_act(acting_user, dossier, "review")
    registration = (
        RegistrationDossier.objects.select_for_update().filter(dossier_id=dossier.pk).first()
    )
    if registration is None:
        raise DomainError("Hồ sơ này không có hồ sơ đăng ký Quý I để tiếp nhận.")
    if registration.acknowledged_at is not None:
        raise DomainError(
            f"Hồ sơ đăng ký đã được tiếp nhận ngày "
            f"{timezone.localtime(registration.acknowledged_at):%d/%m/%Y}."
        )
    registration.acknowledged_by = acting_user
    registration.acknowledged_at = timezone.now()
    registration.save(update_fields=["acknowledged_by", "acknowledged_at"])
    record_transition(
        dossier=dossier,
        user=acting_user,
        step="acknowledge_registration",
        source=dossier.status,
    )
    return registration
