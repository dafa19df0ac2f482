"""Outcomes follow the verdicts (Circular 124/2021/TT-BCA, Art. 4–7: a unit is recognised
"khi đạt đủ các tiêu chí"; Art. 8 cl. 1: classified "đạt hoặc chưa đạt").

A dossier can be forwarded, proposed or recognised only when every criterion is met in the
police's latest verdicts and every computed criterion (the commune rule of Art. 5 cl. 4)
holds on the day of the step. With any "chưa đạt", the only outcomes left are one request
for supplement or a refusal / "không công nhận" giving the failed criteria as reasons.

Also the titles of the police steps, which follow the route: the office that receives the
dossier is the deciding level's standing office, which appraises (thẩm định, Art. 9 cl. 1),
unless the province switched on a preliminary review by the police where the unit sits.
"""

from dossiers.models import CriterionVerdict, DossierVersion, UnitKind

from .computed import commune_rule

STANDING_OFFICE_TITLE = "Thẩm định hồ sơ"
PRELIMINARY_TITLE = "Xét duyệt hồ sơ"
# Art. 9 cl. 1 d; Art. 10 cl. 4: the Ministry's V05 appraises and the Minister decides; in
# the province the provincial police transmit the dossier and record the decision.
TO_MINISTRY_TITLE = "Chuyển Bộ Công an thẩm định"
RECORD_MINISTER_TITLE = "Ghi nhận quyết định của Bộ trưởng Bộ Công an"
STEP_TITLES = {
    "prepare_dossier": "Tự đánh giá và nộp hồ sơ",
    "supplement_dossier": "Bổ sung hồ sơ theo yêu cầu",
    "appraise_dossier": STANDING_OFFICE_TITLE,
    "await_decision": "Chờ quyết định công nhận",
}


def has_preliminary_review(dossier) -> bool:
    return dossier.appraise_area_id is not None


def step_title(dossier, node_name: str) -> str:
    """A step's name as the route makes it: the first police step is the standing office's
    appraisal unless a preliminary review comes before it (Art. 9 cl. 1); for a unit the
    Minister decides, transmitting to the Ministry and recording the Minister's decision
    (Art. 9 cl. 1 d; Art. 10 cl. 4)."""
    if node_name in ("review_dossier", "await_decision") and dossier.decided_by_minister:
        return TO_MINISTRY_TITLE if node_name == "review_dossier" else RECORD_MINISTER_TITLE
    if node_name == "review_dossier":
        return PRELIMINARY_TITLE if has_preliminary_review(dossier) else STANDING_OFFICE_TITLE
    return STEP_TITLES.get(node_name, node_name)


def review_action(dossier) -> str:
    """The button that opens the first police step: "Xét duyệt" for a preliminary review,
    "Thẩm định" for the standing office, "Chuyển Bộ Công an" for a unit the Minister
    decides (Art. 9 cl. 1 d)."""
    if dossier.decided_by_minister:
        return "Chuyển Bộ Công an"
    return "Xét duyệt" if has_preliminary_review(dossier) else "Thẩm định"


def review_outcomes(dossier) -> dict[str, str]:
    """The first police step's outcomes, named after what they do on this route."""
    if dossier.decided_by_minister:
        forward = "Đạt — chuyển Bộ Công an (Cục V05) thẩm định"
    elif has_preliminary_review(dossier):
        forward = "Đạt — chuyển thẩm định"
    else:
        forward = "Đạt — đề nghị Ủy ban nhân dân công nhận"
    return {
        "forward": forward,
        "supplement": "Yêu cầu bổ sung (một lần)",
        "refuse": "Chưa đạt — từ chối",
    }


def failed_labels(rows) -> list[str]:
    """Labels of the criteria judged "chưa đạt" in `rows` [(criterion, met, remark)]."""
    return [criterion.label for criterion, met, _ in rows if not met]


def failure_reasons(rows) -> str:
    """The failed criteria with the officer's remarks, for the result's reasons."""
    parts = [
        f"tiêu chí {criterion.label}" + (f" ({remark})" if remark else "")
        for criterion, met, remark in rows
        if not met
    ]
    return ("Chưa đạt " + "; ".join(parts) + ".") if parts else ""


def with_failures(comment: str, rows) -> str:
    """The officer's reason followed by the failed criteria (Art. 8 cl. 1)."""
    reasons = failure_reasons(rows)
    return "\n".join(part for part in (comment, reasons) if part)


def latest_failures(dossiers) -> dict[int, list]:
    """For each dossier, the criteria "chưa đạt" in the police's latest verdicts on its
    latest submitted version (the appraisal's where there was one, else the review's).
    Two queries for any number of dossiers."""
    dossiers = list(dossiers)
    latest_version = {}
    for dossier_id, version_id, number in DossierVersion.objects.filter(
        dossier__in=dossiers, submitted_at__isnull=False
    ).values_list("dossier_id", "pk", "number"):
        if number > latest_version.get(dossier_id, (0, 0))[1]:
            latest_version[dossier_id] = (version_id, number)
    versions = [version_id for version_id, _ in latest_version.values()]
    verdicts = (
        CriterionVerdict.objects.filter(review__version__in=versions)
        .select_related("criterion", "review")
        .order_by("review__created_at", "review__pk")
    )
    latest: dict[int, dict[int, CriterionVerdict]] = {}
    for verdict in verdicts:
        latest.setdefault(verdict.review.dossier_id, {})[verdict.criterion_id] = verdict
    return {
        d.pk: sorted(
            (v.criterion for v in latest.get(d.pk, {}).values() if not v.met),
            key=lambda c: c.position,
        )
        for d in dossiers
    }


def recognition_blockers(dossiers) -> dict[int, list[str]]:
    """Why the committee may not recognise each dossier now: criteria the police judged
    "chưa đạt" in their latest verdicts (a computed criterion whose figures failed is
    recorded so, workflows.recognition.computed), and, for a commune, the rule of Art. 5
    cl. 4 recomputed on the day of the decision — the only figures that can change after
    the police's verdict, since a submitted version is frozen. An empty list: it may be
    recognised."""
    dossiers = list(dossiers)
    failures = latest_failures(dossiers)
    problems = {}
    for dossier in dossiers:
        found = []
        if failures[dossier.pk]:
            labels = ", ".join(c.label for c in failures[dossier.pk])
            found.append(f"Công an đánh giá chưa đạt tiêu chí {labels}.")
        rule = commune_rule(dossier) if dossier.unit.kind == UnitKind.COMMUNE else None
        if rule is not None and not rule.met:
            found.append(
                "Chưa đạt tiêu chí 4 Điều 5: "
                f"{rule.registered}/{rule.total} đơn vị đăng ký, "
                f"{rule.recognised}/{rule.total} đơn vị được công nhận."
            )
        problems[dossier.pk] = found
    return problems
