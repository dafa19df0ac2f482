"""Demo records of the movement app: a Fatherland Front officer of Phường Gò Dầu, a few
movement models of the ward and its units, the provincial police's inspection plan and one
inspection — made through the services, like the rest of the demo."""

import datetime

from accounts.models import Role, User
from dossiers.demo import DEMO_PASSWORD, demo_email
from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.models import Unit
from workflows import deadlines

from . import services
from .models import InspectionPlan, ModelKind, ModelResult, MovementModel

FRONT_USERNAME = "mattran.godau"
STEERING_USERNAME = "bcd.tinh"


def _reader(username, last, first, role, area):
    """A Front officer or steering committee member: a view grant only (they read)."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "last_name": last,
            "first_name": first,
            "role": role,
            "email": demo_email(username),
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user_grant_jurisdiction(user=user, target=area, act=False)
    return user


def _models(go_dau, police, today):
    ward = Unit.objects.get(identifier=f"XA-{go_dau.code}")
    areas = list(
        Unit.objects.filter(area__parent=go_dau, kind="residential_area").order_by("identifier")[:2]
    )
    founded = datetime.date(today.year - 2, 3, 26)
    camera = services.model_register(
        acting_user=police,
        units=[ward, areas[0]],
        name="Camera an ninh khu phố",
        kind=ModelKind.CAMERA,
        established_on=founded,
        today=today,
    )
    services.model_register(
        acting_user=police,
        units=areas[1:],
        name="Camera an ninh tổ dân phố (nhân rộng)",
        kind=ModelKind.CAMERA,
        established_on=founded.replace(year=today.year - 1),
        today=today,
        replicated_from=camera,
    )
    for year in (today.year - 1, today.year):
        services.model_assess(
            acting_user=police, model=camera, year=year, result=ModelResult.EFFECTIVE
        )


def _inspection(province_police, go_dau, today):
    office = go_dau.parent
    plan = services.inspection_plan_create(
        acting_user=province_police, office=office, year=today.year, target=10
    )
    unit = Unit.objects.filter(area=go_dau, kind="enterprise", is_small_enterprise=False).first()
    inspection = services.inspection_create(
        acting_user=province_police,
        plan=plan,
        unit=unit,
        inspected_on=today,
        team="Phòng PV05 Công an tỉnh: Võ Thị Em (trưởng đoàn), Lê Văn Cường",
        today=today,
    )
    services.inspection_record_findings(
        acting_user=province_police,
        inspection=inspection,
        findings={c.pk: (True, "") for c in services.inspection_criteria(inspection)},
        conclusion="Đơn vị thực hiện đầy đủ các tiêu chí.",
        follow_up="Tiếp tục duy trì mô hình camera an ninh.",
    )


def build_demo(summary):
    """Does nothing once the Front officer exists."""
    go_dau = summary.go_dau
    if go_dau is None or User.objects.filter(username=FRONT_USERNAME).exists():
        return
    today = deadlines.today()
    _reader(FRONT_USERNAME, "Trương Thị", "Lan", Role.FRONT_OFFICER, go_dau)
    _reader(STEERING_USERNAME, "Đoàn Văn", "Minh", Role.STEERING_COMMITTEE, go_dau.parent)
    _models(go_dau, User.objects.get(username="caxa.godau"), today)
    province_police = User.objects.get(username="catinh.pv05")
    if not InspectionPlan.objects.filter(office=go_dau.parent, year=today.year).exists():
        _inspection(province_police, go_dau, today)
    summary.logins.append(
        (FRONT_USERNAME, Role.FRONT_OFFICER.label, f"{go_dau.name} (chỉ xem, kiểm tra hằng tháng)")
    )
    summary.logins.append((STEERING_USERNAME, Role.STEERING_COMMITTEE.label, "toàn tỉnh (chỉ xem)"))
    summary.counts["movement_models"] = MovementModel.objects.count()
