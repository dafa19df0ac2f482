"""Import of administrative areas and units from CSV or XLSX (issue: foundation §5).

All rows are read and checked first; any error is reported with its row number (as the
spreadsheet shows it: the header is row 1) and nothing is written. A clean file is
written in one transaction with a handful of bulk statements, whatever its size.
"""

import csv
import datetime
import io
from dataclasses import dataclass

from django.db import transaction
from openpyxl import load_workbook

from .models import AdministrativeArea, AreaLevel, Unit, UnitKind
from .services import area_set_paths

MAX_IMPORT_BYTES = 20 * 1024 * 1024

COLUMNS = {
    "areas": [
        ("ma", True, "mã đơn vị hành chính"),
        ("ten", True, "tên địa bàn"),
        ("cap", True, "cấp: province, district, commune, residential (hoặc tên cấp)"),
        ("ma_cap_tren", False, "mã địa bàn cấp trên (để trống với tỉnh)"),
        ("hieu_luc_tu", False, "ngày bắt đầu hiệu lực, dd/mm/yyyy"),
        ("hieu_luc_den", False, "ngày hết hiệu lực, dd/mm/yyyy"),
    ],
    "units": [
        ("ma_dinh_danh", True, "mã số thuế, mã đơn vị hành chính hoặc mã do tỉnh cấp"),
        ("ten", True, "tên đơn vị"),
        ("loai", True, "khu dân cư, xã/phường, cơ quan, doanh nghiệp, cơ sở giáo dục"),
        ("ma_dia_ban", True, "mã địa bàn nơi đơn vị đặt trụ sở (khu dân cư, xã, phường)"),
        ("cap_quan_ly", True, "cấp Ủy ban nhân dân quản lý: commune hoặc province"),
        ("dn_nho_sieu_nho", False, "có/không"),
        ("truong_loai_tru", False, "có/không: trường tiểu học, mầm non, nhà trẻ"),
        ("luc_luong_vu_trang", False, "có/không"),
        ("hoat_dong", False, "có/không (mặc định: có)"),
    ],
}

KIND_ALIASES = {
    **{kind.value: kind.value for kind in UnitKind},
    **{kind.label.lower(): kind.value for kind in UnitKind},
    "khu dân cư": UnitKind.RESIDENTIAL_AREA,
    "xã": UnitKind.COMMUNE,
    "phường": UnitKind.COMMUNE,
    "đặc khu": UnitKind.COMMUNE,
    "thị trấn": UnitKind.COMMUNE,
    "cơ quan": UnitKind.AGENCY,
    "doanh nghiệp": UnitKind.ENTERPRISE,
    "cơ sở giáo dục": UnitKind.SCHOOL,
    "nhà trường": UnitKind.SCHOOL,
    "trường học": UnitKind.SCHOOL,
}
TRUE_WORDS = {"có", "co", "x", "1", "true", "yes", "đúng"}
FALSE_WORDS = {"không", "khong", "0", "false", "no", "sai", ""}


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str | None
    message: str

    def __str__(self):
        where = []
        if self.row is not None:
            where.append(f"Dòng {self.row}")
        if self.column:
            where.append(f"cột “{self.column}”")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ImportFailed(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors

    @property
    def rows(self) -> list[int]:
        return sorted({e.row for e in self.errors if e.row is not None})

    def summary(self) -> str:
        if self.rows:
            return (
                f"Tệp có {len(self.rows)} dòng lỗi (dòng {', '.join(map(str, self.rows))}); "
                "không dòng nào được nhập."
            )
        return "Không đọc được tệp; không dòng nào được nhập."


def read_rows(content: bytes, filename: str):
    """The header and (row number, {column: text}) for each non-empty data row; the header
    is row 1, as a spreadsheet shows it."""
    if filename.lower().endswith(".xlsx"):
        table = _xlsx_rows(content)
    else:
        table = _csv_rows(content)
    if not table:
        raise ImportFailed([RowError(None, None, "Tệp trống, không có dòng tiêu đề.")])
    header = [str(h or "").strip().lower() for h in table[0]]
    rows = []
    for number, values in enumerate(table[1:], start=2):
        cells = ["" if v is None else _cell_text(v) for v in values]
        if not any(cells):
            continue
        rows.append((number, dict(zip(header, cells, strict=False))))
    return header, rows


def _cell_text(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.date().strftime("%d/%m/%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            [RowError(None, None, "Tệp CSV phải được lưu với bảng mã UTF-8.")]
        ) from exc
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(content: bytes) -> list[list]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportFailed([RowError(None, None, "Không đọc được tệp Excel (.xlsx).")]) from exc
    sheet = book.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def import_file(kind: str, file, filename: str) -> int:
    """Import an uploaded or opened file of `kind` ("areas" or "units"); returns rows written."""
    content = file.read()
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportFailed([RowError(None, None, "Tệp quá lớn (tối đa 20 MB).")])
    header, rows = read_rows(content, filename)
    missing = [name for name, required, _ in COLUMNS[kind] if required and name not in header]
    if missing:
        raise ImportFailed([RowError(None, None, f"Thiếu cột bắt buộc: {', '.join(missing)}.")])
    return {"areas": import_areas, "units": import_units}[kind](rows)


class _RowChecker:
    def __init__(self):
        self.errors: list[RowError] = []

    def fail(self, row, column, message):
        self.errors.append(RowError(row, column, message))

    def required(self, row, data, column):
        value = data.get(column, "").strip()
        if not value:
            self.fail(row, column, "không được để trống.")
        return value

    def date(self, row, data, column):
        value = data.get(column, "").strip()
        if not value:
            return None
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
        self.fail(row, column, f"ngày “{value}” không hợp lệ (dạng dd/mm/yyyy).")
        return None

    def boolean(self, row, data, column, default=False):
        value = data.get(column, "").strip().lower()
        if value in TRUE_WORDS:
            return True
        if value in FALSE_WORDS:
            return default if value == "" else False
        self.fail(row, column, f"giá trị “{value}” không hợp lệ (ghi “có” hoặc “không”).")
        return default

    def level(self, row, data, column, levels):
        value = self.required(row, data, column)
        if not value:
            return None
        level = levels.get(value.lower())
        if level is None:
            self.fail(row, column, f"cấp “{value}” không có trong danh mục cấp hành chính.")
        return level

    def done(self):
        if self.errors:
            raise ImportFailed(self.errors)


def _levels_by_name() -> dict[str, AreaLevel]:
    levels = {}
    for level in AreaLevel.objects.all():
        levels[level.code.lower()] = level
        levels[level.name.lower()] = level
    return levels


def _areas_by_code(codes) -> dict[str, list[AdministrativeArea]]:
    found: dict[str, list[AdministrativeArea]] = {}
    for area in AdministrativeArea.objects.filter(code__in=codes).order_by("valid_to", "-pk"):
        found.setdefault(area.code, []).append(area)
    return found


def _pick_current(candidates: list[AdministrativeArea]) -> AdministrativeArea | None:
    """Of areas sharing a code (an old and a new tree), the one still in force."""
    current = [a for a in candidates if a.valid_to is None]
    if len(current) == 1:
        return current[0]
    return None


@transaction.atomic
def import_areas(rows) -> int:
    check = _RowChecker()
    levels = _levels_by_name()
    parsed = []
    for row, data in rows:
        parsed.append(
            {
                "row": row,
                "code": check.required(row, data, "ma"),
                "name": check.required(row, data, "ten"),
                "level": check.level(row, data, "cap", levels),
                "parent_code": data.get("ma_cap_tren", "").strip(),
                "valid_from": check.date(row, data, "hieu_luc_tu"),
                "valid_to": check.date(row, data, "hieu_luc_den"),
            }
        )
    in_file = {}
    for item in parsed:
        key = (item["code"], item["level"] and item["level"].pk, item["valid_from"])
        if key in in_file:
            check.fail(item["row"], "ma", f"mã “{item['code']}” trùng với dòng {in_file[key]}.")
        in_file[key] = item["row"]
    codes_in_file = {item["code"]: item for item in parsed}
    stored = _areas_by_code({i["code"] for i in parsed} | {i["parent_code"] for i in parsed})
    for item in parsed:
        code = item["parent_code"]
        if code and code not in codes_in_file and _pick_current(stored.get(code, [])) is None:
            check.fail(
                item["row"],
                "ma_cap_tren",
                f"không tìm thấy địa bàn cấp trên đang có hiệu lực với mã “{code}”.",
            )
        if item["valid_from"] and item["valid_to"] and item["valid_to"] < item["valid_from"]:
            check.fail(item["row"], "hieu_luc_den", "ngày hết hiệu lực trước ngày bắt đầu.")
    check.done()

    by_code = {}
    touched = []
    for item in sorted(parsed, key=lambda i: i["level"].rank):
        parent = by_code.get(item["parent_code"]) or _pick_current(
            stored.get(item["parent_code"], [])
        )
        existing = next(
            (
                a
                for a in stored.get(item["code"], [])
                if a.level_id == item["level"].pk and a.valid_from == item["valid_from"]
            ),
            None,
        )
        area = existing or AdministrativeArea(code=item["code"], level=item["level"])
        area.name, area.valid_from, area.valid_to = (
            item["name"],
            item["valid_from"],
            item["valid_to"],
        )
        area.parent = parent if item["parent_code"] else None
        if area.pk is None:
            area.save()
        else:
            area.save(update_fields=["name", "parent", "valid_from", "valid_to"])
        by_code[item["code"]] = area
        touched.append(area)
    area_set_paths(touched)
    return len(touched)


@transaction.atomic
def import_units(rows) -> int:
    check = _RowChecker()
    levels = _levels_by_name()
    stored_areas = _areas_by_code({data.get("ma_dia_ban", "").strip() for _, data in rows})
    seen = {}
    units = []
    for row, data in rows:
        identifier = check.required(row, data, "ma_dinh_danh")
        if identifier in seen:
            check.fail(row, "ma_dinh_danh", f"mã “{identifier}” trùng với dòng {seen[identifier]}.")
        seen[identifier] = row
        name = check.required(row, data, "ten")
        kind_text = check.required(row, data, "loai")
        kind = KIND_ALIASES.get(kind_text.lower())
        if kind_text and kind is None:
            check.fail(row, "loai", f"loại đơn vị “{kind_text}” không hợp lệ.")
        area_code = check.required(row, data, "ma_dia_ban")
        area = _pick_current(stored_areas.get(area_code, []))
        if area_code and area is None:
            check.fail(
                row, "ma_dia_ban", f"không tìm thấy địa bàn đang có hiệu lực với mã “{area_code}”."
            )
        units.append(
            Unit(
                identifier=identifier,
                name=name,
                kind=kind or "",
                area=area,
                managing_level=check.level(row, data, "cap_quan_ly", levels),
                is_small_enterprise=check.boolean(row, data, "dn_nho_sieu_nho"),
                is_excluded_school=check.boolean(row, data, "truong_loai_tru"),
                is_armed_forces=check.boolean(row, data, "luc_luong_vu_trang"),
                active=check.boolean(row, data, "hoat_dong", default=True),
            )
        )
    check.done()
    Unit.objects.bulk_create(
        units,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["identifier"],
        update_fields=[
            "name",
            "kind",
            "area",
            "managing_level",
            "is_small_enterprise",
            "is_excluded_school",
            "is_armed_forces",
            "active",
        ],
    )
    return len(units)


__all__ = ["COLUMNS", "ImportFailed", "RowError", "import_file", "import_areas", "import_units"]
