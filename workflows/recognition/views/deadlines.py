import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from viewflow.workflow.status import STATUS

from accounts.models import Role
from dossiers.guards import BAD_FILTER, AsciiIntegerField
from dossiers.models import Dossier, Step
from dossiers.services import DomainError
from workflows.deadlines import deadline_extend
from workflows.models import TaskDeadline
from workflows.statistics import PROCESS_LABELS, on_time_statistics

from ..permissions import PERMISSION_STEP
from .lists import dossier_for_action


@login_required
@require_POST
def dossier_extend(request, pk):
    """One extension of the open step's due date, with a reason, by whoever handles the
    step (for the unit's own steps: the reviewing police)."""
    get_object_or_404(Dossier, pk=pk)
    deadline = (
        TaskDeadline.objects.filter(
            task__process__dossier=pk,
            finished_on=None,
            task__status__in=[STATUS.NEW, STATUS.ASSIGNED],
        )
        .select_related("task")
        .first()
    )
    if deadline is None:
        raise PermissionDenied("Hồ sơ không có bước nào đang chờ xử lý.")
    dossier_for_action(request, pk, PERMISSION_STEP[deadline.step])
    try:
        new_due = datetime.date.fromisoformat(request.POST.get("new_due", ""))
        deadline_extend(
            acting_user=request.user,
            deadline=deadline,
            new_due=new_due,
            reason=request.POST.get("reason", ""),
        )
    except ValueError:
        messages.error(request, "Vui lòng nhập hạn mới hợp lệ.")
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Đã gia hạn đến ngày {new_due:%d/%m/%Y}.")
    return redirect("dossier-detail", pk=pk)


YEAR = AsciiIntegerField(required=False, min_value=1900, max_value=2100)


@login_required
def statistics(request):
    if request.user.role == Role.UNIT_HEAD:
        raise PermissionDenied("Trang thống kê dành cho cơ quan công an và Ủy ban nhân dân.")
    year = request.GET.get("nam", "")
    try:
        rows = on_time_statistics(request.user, today=timezone.localdate(), year=YEAR.clean(year))
    except ValidationError as error:  # an empty page and a message, as on the lists
        messages.error(request, BAD_FILTER.format(errors=f"Năm: {' '.join(error.messages)}"))
        rows = []
    labels = dict(Step.choices)
    return render(
        request,
        "recognition/statistics.html",
        {
            "rows": [
                {
                    **r,
                    "step_label": labels.get(r["step"], r["step"]),
                    "process_label": PROCESS_LABELS[r["process_kind"]],
                }
                for r in rows
            ],
            "year": year,
        },
    )
