"""The inspections list as XLSX, with the list's filters applied (issue 11 "Exports"): the
layout Vietnamese offices use — title, numbered rows, a totals row."""

from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = [
    "STT",
    "Ngày kiểm tra",
    "Cơ quan kiểm tra",
    "Đơn vị được kiểm tra",
    "Mã đơn vị",
    "Đoàn kiểm tra",
    "Số tiêu chí chưa đạt",
    "Kết luận",
    "Kiến nghị, theo dõi",
    "Số kiến nghị gửi cơ quan xử lý",
]


def inspections_xlsx(rows) -> HttpResponse:
    """`rows`: the list's queryset, annotated with `failed` and `referred`."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Kiểm tra"
    sheet.append(["DANH SÁCH CÁC CUỘC KIỂM TRA PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC"])
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    sheet.append(HEADER)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    count = 0
    for count, i in enumerate(rows.iterator(chunk_size=2000), start=1):
        sheet.append(
            [
                count,
                i.inspected_on,
                i.plan.office.name,
                i.unit.name,
                i.unit.identifier,
                i.team,
                i.failed,
                i.conclusion,
                i.follow_up,
                i.referred,
            ]
        )
        sheet.cell(row=sheet.max_row, column=2).number_format = "DD/MM/YYYY"
    sheet.append(["Tổng cộng", f"{count} cuộc kiểm tra"])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="kiem-tra.xlsx"'
    return response
