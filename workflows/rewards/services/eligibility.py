"""Who may be nominated (DOMAIN.md §3; Decree 152/2025/NĐ-CP Art. 4)."""

from django.db.models import Q

from dossiers.models import Dossier, DossierStatus, NominationType, Nominee, NomineeFlag


def eligibility_problems(nomination_type, form, year, nominees) -> list[str]:
    """The rules a nomination must meet (DOMAIN.md §3), each with its message:
    - the form may require the collective's ANTT recognition for the year;
    - no nominee while the competent body is considering discipline, investigating,
      inspecting or examining on signs of violation, or verifying a complaint, a
      denunciation or corruption raised by the press (Decree 152/2025 Art. 4 cl. 4: an
      active NomineeFlag of any FlagKind);
    - an ad-hoc or thematic award cannot be the basis of a regular merit nomination;
    - one nomination per nominee, form and year."""
    problems = []
    for nominee in nominees:
        who = str(nominee)
        if form.requires_recognition and nominee.unit_id:
            recognised = Dossier.objects.filter(
                unit_id=nominee.unit_id, cycle__year=year, status=DossierStatus.RECOGNISED
            ).exists()
            if not recognised:
                problems.append(
                    f"Tập thể “{who}” chưa được công nhận đạt tiêu chuẩn “An toàn về an ninh, "
                    f"trật tự” năm {year}, là điều kiện của hình thức “{form}”."
                )
        flags = NomineeFlag.objects.filter(active=True).filter(
            (Q(unit_id=nominee.unit_id) if nominee.unit_id else Q(pk__in=[]))
            | (Q(citizen_id=nominee.citizen_id) if nominee.citizen_id else Q(pk__in=[]))
        )
        for flag in flags:
            problems.append(f"“{who}” {flag.get_kind_display()}; chưa thể đề nghị khen thưởng.")
        basis = nominee.basis
        if (
            basis is not None
            and nomination_type == NominationType.REGULAR
            and basis.nomination.type in (NominationType.ADHOC, NominationType.THEMATIC)
        ):
            problems.append(
                f"Khen thưởng {basis.nomination.get_type_display().lower()} của “{basis}” không "
                "được dùng làm căn cứ đề nghị khen thưởng thường xuyên (theo công trạng)."
            )
        taken = Nominee.objects.filter(form=form, year=year).filter(
            Q(unit_id=nominee.unit_id) if nominee.unit_id else Q(citizen_id=nominee.citizen_id)
        )
        if nominee.pk:
            taken = taken.exclude(pk=nominee.pk)
        if taken.exists():
            problems.append(f"“{who}” đã được đề nghị “{form}” trong năm {year}.")
    return problems
