"""Import of areas and units from CSV/XLSX, by management command and by the admin page."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from accounts.models import Role
from dossiers.models import AdministrativeArea, Unit, UnitKind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AREAS_CSV = """ma,ten,cap,ma_cap_tren,hieu_luc_tu,hieu_luc_den
80,Tỉnh Mẫu,province,,01/07/2025,
80001,Phường Một,commune,80,01/07/2025,
8000101,Khu phố 1,residential,80001,01/07/2025,
8000102,Khu phố 2,"Khu dân cư (thôn, ấp, bản, khu phố, tổ dân phố)",80001,01/07/2025,
"""

UNIT_HEADER = "ma_dinh_danh,ten,loai,ma_dia_ban,cap_quan_ly,dn_nho_sieu_nho,truong_loai_tru\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def areas(tmp_path):
    call_command("import_registry", "areas", write(tmp_path, "areas.csv", AREAS_CSV))
    return {a.code: a for a in AdministrativeArea.objects.all()}


def test_areas_import_builds_the_tree(areas):
    assert areas["8000101"].parent == areas["80001"]
    assert areas["8000102"].level.code == "residential"
    assert areas["8000101"].path == f"/{areas['80'].pk}/{areas['80001'].pk}/{areas['8000101'].pk}/"


def test_reimporting_areas_updates_instead_of_duplicating(tmp_path, areas):
    renamed = AREAS_CSV.replace("Phường Một,", "Phường Một Mới,")
    call_command("import_registry", "areas", write(tmp_path, "again.csv", renamed))
    assert AdministrativeArea.objects.count() == len(areas)
    assert AdministrativeArea.objects.get(code="80001").name == "Phường Một Mới"


def test_units_import_from_csv(tmp_path, areas):
    rows = UNIT_HEADER + (
        "KDC-1,Khu phố 1,khu dân cư,8000101,commune,,\n"
        "3900000001,Công ty Mẫu,doanh nghiệp,80001,province,không,\n"
        "MN-1,Trường Mầm non Hoa Sen,cơ sở giáo dục,80001,commune,,có\n"
    )
    call_command("import_registry", "units", write(tmp_path, "units.csv", rows))
    units = {u.identifier: u for u in Unit.objects.all()}
    assert units["KDC-1"].kind == UnitKind.RESIDENTIAL_AREA
    assert units["KDC-1"].area == areas["8000101"]
    assert units["3900000001"].managing_level.code == "province"
    assert units["MN-1"].is_excluded_school


def test_three_bad_rows_are_reported_by_number_and_nothing_is_imported(tmp_path, areas):
    rows = UNIT_HEADER + (
        "KDC-1,Khu phố 1,khu dân cư,8000101,commune,,\n"  # row 2: good
        "KDC-2,Khu phố 2,trang trại,8000102,commune,,\n"  # row 3: bad kind
        "KDC-3,,khu dân cư,8000102,commune,,\n"  # row 4: no name
        "KDC-4,Khu phố 4,khu dân cư,99999,commune,,\n"  # row 5: unknown area
        "KDC-5,Khu phố 5,khu dân cư,8000102,commune,,\n"  # row 6: good
    )
    with pytest.raises(CommandError) as failure:
        call_command("import_registry", "units", write(tmp_path, "bad.csv", rows))
    message = str(failure.value)
    assert "3 dòng lỗi" in message
    assert "dòng 3, 4, 5" in message
    assert Unit.objects.count() == 0


def test_duplicate_identifier_in_the_file_is_an_error(tmp_path, areas):
    rows = UNIT_HEADER + (
        "KDC-1,Khu phố 1,khu dân cư,8000101,commune,,\n"
        "KDC-1,Khu phố 1 bis,khu dân cư,8000101,commune,,\n"
    )
    with pytest.raises(CommandError, match="dòng 3"):
        call_command("import_registry", "units", write(tmp_path, "dup.csv", rows))
    assert Unit.objects.count() == 0


def test_missing_column_is_named(tmp_path, areas):
    with pytest.raises(CommandError) as failure:
        call_command(
            "import_registry", "units", write(tmp_path, "cols.csv", "ma_dinh_danh,ten\nX,Y\n")
        )
    assert "không dòng nào được nhập" in str(failure.value)


def xlsx_bytes(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_admin_page_imports_xlsx_and_keeps_errors_on_the_page(client, areas):
    admin = UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:dossiers_unit_import")
    header = UNIT_HEADER.strip().split(",")
    bad = xlsx_bytes([header, ["CQ-1", "Cơ quan Một", "cơ quan", "80001", "tỉnh lẻ", "", ""]])
    upload = io.BytesIO(bad)
    upload.name = "don-vi.xlsx"
    response = client.post(url, {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dòng 2, cột “cap_quan_ly”" in html
    assert Unit.objects.count() == 0

    good = io.BytesIO(
        xlsx_bytes([header, ["CQ-1", "Cơ quan Một", "cơ quan", "80001", "commune", "", ""]])
    )
    good.name = "don-vi.xlsx"
    response = client.post(url, {"file": good}, follow=True)
    assert "Đã nhập 1 dòng" in response.content.decode()
    assert Unit.objects.get().kind == UnitKind.AGENCY


def test_admin_import_refuses_other_file_types(client):
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))
    upload = io.BytesIO(b"%PDF-1.4")
    upload.name = "don-vi.pdf"
    response = client.post(reverse("admin:dossiers_unit_import"), {"file": upload})
    assert "Chỉ nhận tệp .csv hoặc .xlsx." in response.content.decode()
