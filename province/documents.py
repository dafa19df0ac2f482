"""The report as Vietnamese offices lay it out (Decree 30/2020/NĐ-CP: issuing body and
national motto at the top, place and date, title, period, numbered tables with a totals
row, the signer at the bottom) — as XLSX (openpyxl) and PDF (WeasyPrint), from one
description of the tables (`report_tables`)."""

import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from dossiers.models import UnitKind

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
PERCENT = "pct"


@dataclass
class Table:
    title: str
    headers: list[str]
    kinds: list[str]  # per column: "text", "int" or PERCENT
    rows: list[list]
    total: list


def _share(part, whole):
    return part / whole if whole else None


def _delta(now, before):
    return None if now is None or before is None else now - before


def report_tables(report) -> list[Table]:
    f = report.figures
    previous = f.get("previous") or {}
    before = {r["key"]: r for r in previous.get("kinds", [])}
    before_total = previous.get("total")
    kind_labels = dict(UnitKind.choices)

    def kind_row(number, r, prev):
        share = _share(r["recognised"], r["eligible"])
        prev_share = _share(prev["recognised"], prev["eligible"]) if prev else None
        target = r["target_recognised"]
        return [
            number,
            kind_labels.get(r["key"], r["label"]),
            r["eligible"],
            r["registered"],
            _share(r["registered"], r["eligible"]),
            r["submitted"],
            r["recognised"],
            share,
            None if target is None else target / 100,
            prev["recognised"] if prev else None,
            prev_share,
            _delta(share, prev_share),
        ]

    kinds = Table(
        title="Biểu 1. Kết quả đăng ký, công nhận theo loại đơn vị",
        headers=[
            "STT",
            "Loại đơn vị",
            "Thuộc diện xét",
            "Đăng ký",
            "Tỷ lệ đăng ký",
            "Đã nộp hồ sơ",
            "Được công nhận",
            "Tỷ lệ công nhận",
            "Chỉ tiêu công nhận",
            "Cùng kỳ năm trước: được công nhận",
            "Cùng kỳ năm trước: tỷ lệ",
            "Tăng (+), giảm (-) tỷ lệ",
        ],
        kinds=[
            "int",
            "text",
            "int",
            "int",
            PERCENT,
            "int",
            "int",
            PERCENT,
            PERCENT,
            "int",
            PERCENT,
            PERCENT,
        ],
        rows=[kind_row(i, r, before.get(r["key"])) for i, r in enumerate(f["kinds"], 1)],
        total=["", "Tổng cộng", *kind_row("", f["total"], before_total)[2:]],
    )
    communes = Table(
        title="Biểu 2. Kết quả theo xã, phường, đặc khu",
        headers=[
            "STT",
            "Xã, phường, đặc khu",
            "Thuộc diện xét",
            "Đăng ký",
            "Tỷ lệ đăng ký",
            "Được công nhận",
            "Tỷ lệ công nhận",
            "Điều 5 khoản 4 Thông tư 124 (100 % đăng ký, từ 70 % công nhận)",
        ],
        kinds=["int", "text", "int", "int", PERCENT, "int", PERCENT, "text"],
        rows=[
            [
                i,
                r["label"],
                r["eligible"],
                r["registered"],
                _share(r["registered"], r["eligible"]),
                r["recognised"],
                _share(r["recognised"], r["eligible"]),
                ("Đạt" if r["commune_rule_met"] else "Chưa đạt") if r["key"] else "—",
            ]
            for i, r in enumerate(f["communes"], 1)
        ],
        total=[
            "",
            "Tổng cộng",
            f["total"]["eligible"],
            f["total"]["registered"],
            _share(f["total"]["registered"], f["total"]["eligible"]),
            f["total"]["recognised"],
            _share(f["total"]["recognised"], f["total"]["eligible"]),
            f"{sum(1 for r in f['communes'] if r['key'] and r['commune_rule_met'])}"
            f"/{sum(1 for r in f['communes'] if r['key'])} xã, phường đạt",
        ],
    )
    return [kinds, communes]


def title_lines(report) -> dict:
    end = report.figures.get("period_end", "")
    day = f"{end[8:10]}/{end[5:7]}/{end[:4]}" if end else ""
    place = report.cycle.province.name.removeprefix("Tỉnh ").split(" (")[0]
    return {
        "body": report.issuing_body.upper(),
        "place_date": f"{place}, {vietnamese_date(timezone.localtime(report.created_at).date())}",
        "title": "BÁO CÁO",
        "subtitle": (
            f"Kết quả xây dựng phong trào và công nhận “An toàn về an ninh, trật tự” "
            f"{report.get_period_display()} {report.year}"
        ),
        "period": f"Số liệu tính đến ngày {day}; đơn vị: {report.issuer.name}",
        "recipient": f"Kính gửi: {report.recipient.name}" if report.recipient else "",
    }


def vietnamese_date(day) -> str:
    """ "ngày 05 tháng 02 năm 2026", "ngày 17 tháng 5 năm 2023" (Decree 30/2020, Phụ lục I:
    days below 10 and months 1–2 zero-padded)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


# --- XLSX ----------------------------------------------------------------------------

BOLD = Font(name="Times New Roman", bold=True, size=13)
NORMAL = Font(name="Times New Roman", size=12)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def report_xlsx(report) -> bytes:
    tables = report_tables(report)
    width = max(len(t.headers) for t in tables)
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    lines = title_lines(report)
    half = width // 2

    def merged(row, first, last, text, font=NORMAL):
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        cell = ws.cell(row=row, column=first, value=text)
        cell.font, cell.alignment = font, CENTER

    merged(1, 1, half - 1, lines["body"], BOLD)
    merged(1, half, width, MOTTO[0], BOLD)
    merged(2, half, width, MOTTO[1], BOLD)
    merged(3, half, width, lines["place_date"], Font(name="Times New Roman", italic=True, size=12))
    merged(4, 1, width, lines["title"], BOLD)
    merged(5, 1, width, lines["subtitle"], BOLD)
    merged(6, 1, width, lines["period"])
    merged(7, 1, width, lines["recipient"])
    row = 9
    for table in tables:
        merged(row, 1, width, table.title, BOLD)
        row += 1
        for col, header in enumerate(table.headers, 1):
            cell = ws.cell(row=row, column=col, value=header)
            cell.font, cell.alignment, cell.border = BOLD, CENTER, BOX
        row += 1
        for values, font in [(v, NORMAL) for v in table.rows] + [(table.total, BOLD)]:
            for col, (value, kind) in enumerate(zip(values, table.kinds, strict=True), 1):
                cell = ws.cell(row=row, column=col, value=value)
                cell.font, cell.border = font, BOX
                if kind == PERCENT:
                    cell.number_format = "0.0%"
            row += 1
        row += 1
    merged(row, half, width, report.signer_title.upper(), BOLD)
    merged(row + 4, half, width, report.signer_name, BOLD)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 32
    for col in range(3, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 14
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- PDF -----------------------------------------------------------------------------

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


def cell_text(value, kind) -> str:
    if value is None or value == "":
        return "" if kind != PERCENT else "—"
    if kind == PERCENT:
        return f"{100 * value:.1f}".replace(".", ",") + " %"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)


def report_pdf(report) -> bytes:
    from weasyprint import HTML  # imported when used: it loads Pango

    tables = [
        {
            "title": t.title,
            "headers": t.headers,
            "rows": [[cell_text(v, k) for v, k in zip(r, t.kinds, strict=True)] for r in t.rows],
            "total": [cell_text(v, k) for v, k in zip(t.total, t.kinds, strict=True)],
        }
        for t in report_tables(report)
    ]
    html = render_to_string(
        "province/report_pdf.html",
        {
            "report": report,
            "lines": title_lines(report),
            "motto": MOTTO,
            "tables": tables,
            "font_dir": FONT_DIR.as_uri(),
        },
    )
    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf()
