"""The criteria in the database are Circular 124/2021/TT-BCA Art. 4–7, character for
character, in the circular's order; corrected texts are a new version, never an edit.

The law is read from `data/tt124-2021-dieu-1-10.md`, a verbatim copy of
shared/reference/tt124-2021-dieu-1-10.md kept in the repository."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.models import CriteriaSet, Criterion, CriterionKind, Regulation, UnitKind
from dossiers.reference import criteria_124_2021_v1 as v1
from dossiers.reference.ordering import criterion_position
from tests.factories import UnitFactory
from tests.journeys import Journey, Province, all_met
from workflows.recognition import services
from workflows.recognition.criteria import criteria_for

pytestmark = pytest.mark.django_db
LAW = Path(__file__).parent / "data" / "tt124-2021-dieu-1-10.md"
ARTICLES = {
    UnitKind.RESIDENTIAL_AREA: 4,
    UnitKind.COMMUNE: 5,
    UnitKind.AGENCY: 6,
    UnitKind.ENTERPRISE: 6,
    UnitKind.SCHOOL: 7,
}


def parse_law():
    """{article: (heading, {clause: (lead, [(letter, text)])})} for Điều 4–7."""
    text = LAW.read_text(encoding="utf-8")
    articles = {}
    for match in re.finditer(r"^## Điều (\d+)\. (.*?)$(.*?)(?=^## |\Z)", text, re.M | re.S):
        clauses, current = {}, None
        for line in match.group(3).splitlines():
            line = line.strip()
            if clause := re.match(r"^(\d+)\. (.*)$", line):
                current = int(clause.group(1))
                clauses[current] = (clause.group(2), [])
            elif (point := re.match(r"^([a-zđ])\) (.*)$", line)) and current:
                clauses[current][1].append((point.group(1), point.group(2)))
        articles[int(match.group(1))] = (match.group(2), clauses)
    return articles


def full_text(lead, points):
    """A criterion as the circular prints it: the lead sentence, then each point."""
    return "\n".join([lead, *(f"{letter}) {text}" for letter, text in points)])


def current(kind):
    return CriteriaSet.objects.get(regulation__code="124/2021/TT-BCA", unit_kind=kind, version=2)


def stored(kind):
    """{number: (lead, [(letter, text)], [referenced rows])} read from the database."""
    clauses = {}
    for row in current(kind).criteria.filter(province=None).order_by("position"):
        lead, points, refs = clauses.setdefault(row.number, ["", [], []])
        if row.refers_to_id:
            refs.append(row)
        elif row.letter:
            points.append((row.letter, row.text))
        else:
            clauses[row.number][0] = row.text
    return clauses


@pytest.mark.parametrize("kind", list(ARTICLES))
def test_every_criterion_is_the_circular_character_for_character(kind):
    heading, law = parse_law()[ARTICLES[kind]]
    criteria_set = current(kind)
    assert criteria_set.title == heading
    assert criteria_set.article == ARTICLES[kind]
    db = stored(kind)
    assert sorted(db) == sorted(law)
    for number, (lead, points) in law.items():
        assert full_text(db[number][0], db[number][1]) == full_text(lead, points), number


def referenced(kind, number):
    return [
        (r.refers_to.criteria_set.article, r.refers_to.number, r.refers_to.letter, r.wording)
        for r in stored(kind)[number][2]
    ]


def test_art_5_cl_2_is_verbatim_and_the_commune_judges_art_4_cl_2_to_4():
    art4 = parse_law()[4][1]
    expected = []
    for clause in (2, 3, 4):
        lead, points = art4[clause]
        expected += [(4, clause, "", lead)] + [(4, clause, p, text) for p, text in points]
    assert referenced(UnitKind.COMMUNE, 2) == expected
    labels = [c.label for c in criteria_for_kind(UnitKind.COMMUNE) if c.number == 2]
    assert labels[:4] == ["2", "khoản 2 Điều 4", "khoản 3 Điều 4", "khoản 3 điểm a Điều 4"]
    assert "khoản 3 điểm đ Điều 4" in labels
    assert not any(re.fullmatch(r"2\.[a-zđ]", label) for label in labels)  # no invented 2a–2i


def test_art_7_cl_3_judges_art_6_cl_3_points_a_b_c_đ_e_g():
    points = dict(parse_law()[6][1][3][1])
    expected = [(6, 3, p, points[p]) for p in ["a", "b", "c", "đ", "e", "g"]]
    assert referenced(UnitKind.SCHOOL, 3) == expected
    kinds = {r.kind for r in stored(UnitKind.SCHOOL)[3][2]}
    assert kinds == {CriterionKind.DISQUALIFIER}


def criteria_for_kind(kind):
    """The criteria a freshly registered dossier of `kind` is assessed on."""
    p = Province.build()
    unit = UnitFactory(kind=kind, area=p.commune)
    user_grant_jurisdiction(user=p.head, target=unit)
    dossier = Journey(p, unit).register(households=(9, 9)).dossier
    return criteria_for(dossier)


def test_points_sort_in_vietnamese_order_d_đ_e():
    assert criterion_position(3, "d") < criterion_position(3, "đ") < criterion_position(3, "e")
    labels = [c.label for c in criteria_for_kind(UnitKind.RESIDENTIAL_AREA)]
    assert labels == [
        *["1", "2", "3", "3.a", "3.b", "3.c", "3.d", "3.đ", "3.e", "3.g"],
        *["4", "4.a", "4.b", "4.c", "4.d", "5"],
    ]
    admin_order = list(
        Criterion.objects.filter(criteria_set=current(UnitKind.AGENCY), number=3)
        .exclude(letter="")
        .values_list("letter", flat=True)
    )
    assert admin_order == ["a", "b", "c", "d", "đ", "e", "g", "h"]


def test_a_province_criterion_gets_its_position_on_save():
    criterion = Criterion.objects.create(
        criteria_set=current(UnitKind.SCHOOL), number=7, letter="đ", kind="requirement", text="x"
    )
    assert criterion.position == criterion_position(7, "đ")


def test_regulation_is_circular_124_with_its_real_title_and_no_amendment_claimed():
    regulation = Regulation.objects.get(code="124/2021/TT-BCA")
    assert regulation.title == (
        "Thông tư quy định khu dân cư, xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo "
        "dục đạt tiêu chuẩn “An toàn về an ninh, trật tự”"
    )
    assert (regulation.signed_on.isoformat(), regulation.effective_from.isoformat()) == (
        "2021-12-28",
        "2022-02-10",
    )
    texts = [regulation.title, *CriteriaSet.objects.values_list("title", flat=True)]
    texts += list(Criterion.objects.values_list("text", flat=True))
    assert not [t for t in texts if "48/2025" in t]


def test_version_1_rows_are_kept_as_they_were():
    for kind, rows in v1.CRITERIA.items():
        old = CriteriaSet.objects.get(unit_kind=kind, version=1)
        stored_rows = list(
            old.criteria.order_by("position").values_list("number", "letter", "text")
        )
        assert stored_rows == [(n, letter, text) for n, letter, _, text in rows]


def test_a_new_registration_is_assessed_on_the_latest_set():
    p = Province.build()
    dossier = Journey(p).register(households=(5, 5)).dossier
    assert dossier.criteria_set == current(UnitKind.RESIDENTIAL_AREA)
    assessed = set(dossier.versions.get().assessments.values_list("criterion__kind", flat=True))
    assert assessed == {CriterionKind.REQUIREMENT, CriterionKind.COMPUTED}


def test_pages_list_points_in_vietnamese_order(client):
    p = Province.build()
    dossier = Journey(p).to("submitted")
    points = {c.label: c.pk for c in criteria_for(dossier) if c.number == 3}
    client.force_login(p.reviewer)
    html = client.get(reverse("dossier-review", args=[dossier.pk])).content.decode()
    rows = [html.index(f'id="tieu-chi-{points[label]}"') for label in ("3.d", "3.đ", "3.e")]
    assert rows == sorted(rows)
    services.dossier_review(
        acting_user=p.reviewer, dossier=dossier, outcome="forward", verdicts=all_met(dossier)
    )
    html = client.get(reverse("dossier-detail", args=[dossier.pk])).content.decode()
    cells = [html.index(f"<td><strong>{label}</strong> ") for label in ("3.d", "3.đ", "3.e")]
    assert cells == sorted(cells)
