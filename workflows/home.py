"""Việc của tôi, the page a user lands on: for each waiting task the button that does it,
and, when nothing waits, what to do next for the user's role (issue 13: an empty page must
say what comes next, e.g. a unit head with nothing yet is pointed to "Đăng ký phấn đấu").
A fixed number of queries whatever the number of tasks."""

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, prefetch_related_objects
from django.db.models.lookups import StartsWith
from django.urls import reverse

from accounts.models import Role
from dossiers.jurisdiction import units_in_jurisdiction
from dossiers.models import Dossier, DossierStatus, Nominee, RecognitionCycle

from .recognition.flows import RecognitionFlow
from .rewards.flows import RewardFlow


@dataclass(frozen=True)
class Action:
    label: str
    url: str


# The page that does each task, by flow node: (button label, URL name taking the record's pk).
TASK_PAGES = {
    RecognitionFlow.prepare_dossier.name: ("Tự đánh giá", "dossier-assess"),
    RecognitionFlow.supplement_dossier.name: ("Bổ sung hồ sơ", "dossier-assess"),
    RecognitionFlow.review_dossier.name: ("Xét duyệt", "dossier-review"),
    RecognitionFlow.appraise_dossier.name: ("Thẩm định", "dossier-appraise"),
    RewardFlow.prepare_nomination.name: ("Hoàn thiện, trình đề nghị", "nomination-detail"),
    RewardFlow.supplement_nomination.name: ("Bổ sung đề nghị", "nomination-detail"),
    RewardFlow.appraise_nomination.name: ("Thẩm định", "nomination-appraise"),
    RewardFlow.record_vote.name: ("Ghi kết quả biểu quyết", "nomination-vote"),
}


class RowUrls:
    """`reverse(name, args=[pk])` for the many rows of one page: each URL name is reversed
    once, with a stand-in pk that is then replaced by each row's. Django's reverse() costs
    about 25 µs a call, and an inbox of fifty rows reversed a hundred times (issue 14).
    Only for URLs whose one argument is an int pk."""

    STAND_IN = 2147483647

    def __init__(self):
        self._parts = {}

    def __call__(self, name: str, pk: int) -> str:
        parts = self._parts.get(name)
        if parts is None:
            url = reverse(name, args=[self.STAND_IN])
            head, _, tail = url.rpartition(str(self.STAND_IN))  # the pk's place, not a prefix's
            parts = self._parts[name] = (head, tail)
        return f"{parts[0]}{int(pk)}{parts[1]}"


def task_action(task, record, urls: RowUrls | None = None) -> Action:
    """The button of a row of Việc của tôi: the page where `task` on `record` is done.
    `urls`: the page's RowUrls, when it has many rows."""
    name = task.flow_task.name
    if name == RecognitionFlow.await_decision.name:
        return Action("Ban hành quyết định", reverse("decision-create"))
    label, url_name = TASK_PAGES.get(name, ("Xem", None))
    if url_name is None:
        url_name = "dossier-detail" if isinstance(record, Dossier) else "nomination-detail"
    return Action(label, (urls or RowUrls())(url_name, record.pk))


def with_nominees(reward_tasks):
    """Reward tasks with their nominees loaded (one query), so each row names them."""
    tasks = list(reward_tasks)
    prefetch_related_objects(
        tasks,
        Prefetch(
            "process__nomination__nominees",
            queryset=Nominee.objects.select_related("unit").order_by("pk"),
        ),
    )
    return tasks


def unregistered_units(user):
    """The unit head's active units that an open cycle of their province (Circular 124,
    Art. 9 cl. 2 a: registration opens each year) does not yet have a dossier for."""
    registered = Dossier.objects.filter(unit_id=OuterRef(OuterRef("pk")), cycle_id=OuterRef("pk"))
    open_to_unit = (
        RecognitionCycle.objects.filter(is_open=True)
        .filter(StartsWith(OuterRef("area__path"), F("province__path")))
        .exclude(Exists(registered))
    )
    units = units_in_jurisdiction(user, act=True).filter(active=True)
    return units.filter(Exists(open_to_unit))


def next_actions(user, has_tasks: bool) -> tuple[str, list[Action]]:
    """What the page says to a user whose list is empty (or, for a unit head, what else
    is open to them), and the buttons for it."""
    if user.role == Role.UNIT_HEAD:
        return _unit_head(user, has_tasks)
    if has_tasks:
        return "", []
    dossiers = Action("Xem danh sách hồ sơ", reverse("dossier-list"))
    if user.role in (Role.REVIEWING_POLICE, Role.APPRAISING_POLICE):
        return (
            "Không có hồ sơ nào đang chờ bạn xét duyệt hoặc thẩm định. Hồ sơ các đơn vị "
            "nộp sẽ hiện ở đây, kèm hạn xử lý.",
            [dossiers, Action("Lập đề nghị khen thưởng", reverse("nomination-create"))],
        )
    if user.role in (Role.COMMITTEE_STAFF, Role.COMMITTEE_SIGNER):
        return (
            "Không có hồ sơ nào đang chờ quyết định. Hồ sơ được đề nghị công nhận sẽ hiện ở đây.",
            [Action("Ban hành quyết định", reverse("decision-create")), dossiers],
        )
    if user.role == Role.ADMIN:
        return "Không có việc nào đang chờ bạn.", [
            Action("Quản trị hệ thống", reverse("admin:index")),
            dossiers,
        ]
    return "Bạn theo dõi kết quả trên địa bàn; không có việc nào cần xử lý.", [
        Action("Xem thống kê", reverse("statistics")),
        dossiers,
    ]


def _unit_head(user, has_tasks):
    to_register = list(unregistered_units(user).order_by("name")[:5])
    register = Action("Đăng ký phấn đấu", reverse("dossier-register"))
    if has_tasks:
        if to_register:
            names = ", ".join(u.name for u in to_register)
            return f"Đơn vị chưa đăng ký phấn đấu trong đợt đang mở: {names}.", [register]
        return "", []
    if to_register:
        return (
            "Bạn chưa đăng ký phấn đấu “An toàn về an ninh, trật tự” cho đơn vị trong đợt "
            "đang mở. Hãy bắt đầu bằng việc đăng ký.",
            [register],
        )
    waiting = (
        Dossier.objects.visible_to(user)
        .filter(unit__in=units_in_jurisdiction(user, act=True))
        .exclude(status=DossierStatus.REGISTERED)
        .select_related("unit", "cycle")
        .order_by("-registered_at")
        .first()
    )
    if waiting is not None:
        return (
            f"Hồ sơ của {waiting.unit} năm {waiting.cycle.year}: {waiting.get_status_display()}."
            " Bạn sẽ nhận thông báo khi có việc cần làm.",
            [Action("Xem hồ sơ", reverse("dossier-detail", args=[waiting.pk]))],
        )
    return "Không có việc nào đang chờ bạn, và chưa có đợt xét nào đang mở để đăng ký.", [
        Action("Xem danh sách hồ sơ", reverse("dossier-list"))
    ]
