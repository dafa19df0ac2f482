"""A reward nomination (DOMAIN.md §3; Law 06/2022/QH15, Decree 152/2025/NĐ-CP).

Proposer (unit head or police officer): drafts and submits; answers one supplement request.
Appraising office named by the form: returns an ineligible or incomplete nomination, or asks
once for a supplement (≤ 5 working days from receipt), else appraises (≤ 20 working days
from the complete dossier, the council's vote included). Durations are the form's data.
The emulation and reward council: its vote is recorded by the appraising office.
The form's authority: one numbered decision for many nominees, to be sent out within 10
working days of its date; for a form decided by a higher authority (the Minister's Bằng
khen) the province records that decision as issued instead.
"""

from django.shortcuts import redirect
from viewflow import this
from viewflow.workflow import flow, lock

from dossiers.models import NominationStatus as N
from workflows.models import RewardProcess


def open_nomination_page(request, **kwargs):
    process = RewardProcess.objects.get(pk=kwargs["process_pk"])
    return redirect("nomination-detail", pk=process.nomination.pk)


class RewardFlow(flow.Flow):
    """Đề nghị khen thưởng"""

    process_class = RewardProcess
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle(this.start_process).Next(this.prepare_nomination)

    # --- proposer ------------------------------------------------------------------
    prepare_nomination = (
        flow.View(open_nomination_page)
        .Annotation(title="Hoàn thiện và trình đề nghị khen thưởng")
        .Next(this.appraise_nomination)
    )
    supplement_nomination = (
        flow.View(open_nomination_page)
        .Annotation(title="Bổ sung hồ sơ khen thưởng")
        .Next(this.appraise_nomination)
    )

    # --- appraising office ---------------------------------------------------------
    appraise_nomination = (
        flow.View(open_nomination_page)
        .Annotation(title="Thẩm định hồ sơ khen thưởng")
        .Next(this.check_appraisal)
    )
    check_appraisal = (
        flow.Switch()
        .Case(this.supplement_nomination, this.supplement_requested)
        .Case(this.returned, this.is_returned)
        .Default(this.record_vote)
    )
    record_vote = (
        flow.View(open_nomination_page)
        .Annotation(title="Ghi kết quả biểu quyết của Hội đồng")
        .Next(this.check_vote)
    )
    check_vote = flow.If(this.vote_passed).Then(this.await_decision).Else(this.not_passed)

    # --- deciding authority --------------------------------------------------------
    await_decision = (
        flow.Handle(this.apply_decision)
        .Annotation(title="Chờ quyết định khen thưởng")
        .Next(this.decided)
    )

    decided = flow.End()
    returned = flow.End()
    not_passed = flow.End()

    def start_process(self, activation, nomination):
        activation.process.artifact = nomination
        return activation.process

    def apply_decision(self, activation, change):
        change(activation.process.nomination)

    def supplement_requested(self, activation):
        return activation.process.status_is(N.SUPPLEMENT_REQUESTED)

    def is_returned(self, activation):
        return activation.process.status_is(N.RETURNED)

    def vote_passed(self, activation):
        return activation.process.status_is(N.VOTED)
