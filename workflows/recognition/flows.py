"""The yearly recognition of one unit, as a swim-lane (DOMAIN.md §1; Circular 124/2021).

Unit head: registers, self-assesses and submits; answers one request for supplement.
Reviewing police (district before 03/2025, commune since): forward, supplement or refuse.
Provincial police (PV05), where the cycle's routing names them: propose, find not met, or
send back to review.
People's Committee: one numbered decision for many dossiers (workflows.recognition.services).

Each human step is completed by one service in workflows.recognition.services, which calls
exactly one Dossier transition in the step's transaction. Gateways read dossier fields.
"""

from django.shortcuts import redirect
from viewflow import this
from viewflow.workflow import flow, lock

from dossiers.models import DossierStatus as S
from workflows.models import RecognitionProcess


def open_dossier_page(request, **kwargs):
    """Our own pages perform every step; viewflow's task URLs lead there."""
    process = RecognitionProcess.objects.get(pk=kwargs["process_pk"])
    return redirect("dossier-detail", pk=process.dossier.pk)


class RecognitionFlow(flow.Flow):
    """Xét công nhận “An toàn về an ninh, trật tự”"""

    process_class = RecognitionProcess
    lock_impl = lock.select_for_update_lock

    # Every node has a Vietnamese title: the process chart shows them (viewflow would
    # print the attribute name, "Check Review").
    start = (
        flow.StartHandle(this.start_process)
        .Annotation(title="Đăng ký phấn đấu")
        .Next(this.prepare_dossier)
    )

    # --- unit head -----------------------------------------------------------------
    prepare_dossier = (
        flow.View(open_dossier_page)
        .Annotation(title="Tự đánh giá và nộp hồ sơ")
        .Next(this.review_dossier)
    )
    supplement_dossier = (
        flow.View(open_dossier_page)
        .Annotation(title="Bổ sung hồ sơ theo yêu cầu")
        .Next(this.review_dossier)
    )

    # --- reviewing police ----------------------------------------------------------
    review_dossier = (
        flow.View(open_dossier_page)
        .Annotation(title="Xét duyệt hồ sơ")
        .Assign(this.previous_reviewer)
        .Next(this.check_review)
    )
    check_review = (
        flow.Switch()
        .Annotation(title="Kết quả xét duyệt")
        .Case(this.supplement_dossier, this.supplement_requested)
        .Case(this.refused, this.is_refused)
        .Case(this.appraise_dossier, this.is_forwarded)
        .Default(this.await_decision)
    )

    # --- provincial police ---------------------------------------------------------
    appraise_dossier = (
        flow.View(open_dossier_page).Annotation(title="Thẩm định hồ sơ").Next(this.check_appraisal)
    )
    check_appraisal = (
        flow.Switch()
        .Annotation(title="Kết quả thẩm định")
        .Case(this.review_dossier, this.returned_to_review)
        .Case(this.not_recognised, this.is_not_recognised)
        .Default(this.await_decision)
    )

    # --- People's Committee --------------------------------------------------------
    await_decision = (
        flow.Handle(this.apply_decision)
        .Annotation(title="Chờ quyết định công nhận")
        .Next(this.check_decision)
    )
    check_decision = (
        flow.If(this.is_recognised)
        .Annotation(title="Được công nhận?")
        .Then(this.recognised)
        .Else(this.not_recognised)
    )

    recognised = flow.End().Annotation(title="Được công nhận")
    not_recognised = flow.End().Annotation(title="Không được công nhận")
    refused = flow.End().Annotation(title="Không đủ điều kiện, trả hồ sơ")

    # Node callbacks. State changes happen in the services that complete the steps.
    def start_process(self, activation, dossier):
        activation.process.artifact = dossier
        return activation.process

    def apply_decision(self, activation, change):
        change(activation.process.dossier)

    def previous_reviewer(self, activation):
        return activation.process.dossier.last_reviewer

    # Gateway predicates.
    def supplement_requested(self, activation):
        return activation.process.status_is(S.SUPPLEMENT_REQUESTED)

    def is_refused(self, activation):
        return activation.process.status_is(S.REFUSED)

    def is_forwarded(self, activation):
        return activation.process.status_is(S.FORWARDED)

    def returned_to_review(self, activation):
        return activation.process.status_is(S.SUBMITTED)

    def is_not_recognised(self, activation):
        return activation.process.status_is(S.NOT_RECOGNISED)

    def is_recognised(self, activation):
        return activation.process.status_is(S.RECOGNISED)


class RevocationFlow(flow.Flow):
    """Thu hồi công nhận

    A later decision revokes a recognition; the status changes in this flow's only step."""

    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle(this.revoke).Next(this.revoked)
    revoked = flow.End()

    def revoke(self, activation, dossier, change):
        activation.process.artifact = dossier
        change(dossier)
        return activation.process
