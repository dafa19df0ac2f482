from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import ListView

from .exports import XlsxExportMixin
from .filters import UnitFilter
from .guards import FilteredListMixin
from .models import Unit, UnitKind


@login_required
def home(request):
    return redirect("inbox")


class UnitListView(LoginRequiredMixin, XlsxExportMixin, FilteredListMixin, ListView):
    """The units in the user's jurisdiction, filterable by kind and name (`UnitFilter`),
    exported as XLSX with the same filters."""

    template_name = "dossiers/unit_list.html"
    paginate_by = 50
    filterset_class = UnitFilter
    export_filename = "don-vi"
    export_title = "Đơn vị"
    export_columns = [
        ("Tên đơn vị", lambda u: u.name),
        ("Loại", lambda u: u.get_kind_display()),
        ("Mã định danh", lambda u: u.identifier),
        ("Địa bàn", lambda u: u.area.name),
        ("Cấp quản lý", lambda u: u.managing_level.name),
        ("Đang hoạt động", lambda u: "Có" if u.active else "Không"),
    ]

    def base_queryset(self):
        return (
            Unit.objects.visible_to(self.request.user)
            .select_related("area", "area__level", "managing_level")
            .order_by("area__path", "name")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(kinds=UnitKind.choices, **kwargs)


@login_required
def unit_detail(request, pk):
    unit = get_object_or_404(
        Unit.objects.visible_to(request.user).select_related("area", "managing_level"), pk=pk
    )
    return render(request, "dossiers/unit_detail.html", {"unit": unit})
