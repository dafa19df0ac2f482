"""Every list exports to XLSX with its filters applied (issue #11): one helper. The rows
are the list's own scoped, filtered queryset (never a wider one), read in chunks and
written with openpyxl's write-only mode, so memory stays flat whatever the list's size."""

import datetime
import io
from collections.abc import Callable, Iterable

from django.http import HttpResponse
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_PARAM = "xuat"
# A spreadsheet holds 1,048,576 rows; an export stops well before.
MAX_ROWS = 500_000

Column = tuple[str, Callable[[object], object]]


def _plain(value):
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    if value is None or isinstance(value, int | float | str | datetime.date):
        return value
    return str(value)


def xlsx_response(filename: str, title: str, columns: list[Column], rows: Iterable):
    """An attachment `filename`.xlsx: a header row, then one line per row."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    ws.append([header for header, _ in columns])
    for count, row in enumerate(rows):
        if count >= MAX_ROWS:
            break
        ws.append([_plain(value(row)) for _, value in columns])
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def wants_export(request) -> bool:
    return request.GET.get(EXPORT_PARAM) == "xlsx"


class XlsxExportMixin:
    """A list view (with `get_queryset()` already scoped and filtered, e.g. through
    `FilteredListMixin`) that answers `?xuat=xlsx` with the whole filtered list as XLSX.
    Set `export_filename`, `export_title` and `export_columns` [(header, row → value)]."""

    export_filename = "danh-sach"
    export_title = "Danh sách"
    export_columns: list[Column] = []

    def get(self, request, *args, **kwargs):
        if not wants_export(request):
            return super().get(request, *args, **kwargs)
        rows = self.get_queryset().iterator(chunk_size=2000)
        return xlsx_response(self.export_filename, self.export_title, self.export_columns, rows)

    def get_context_data(self, **kwargs):
        return super().get_context_data(export_param=EXPORT_PARAM, **kwargs)
