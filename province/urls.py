from django.urls import path

from . import views

urlpatterns = [
    path("theo-doi-chi-tieu/", views.dashboard, name="province-dashboard"),
    path("bao-cao/", views.report_list, name="report-list"),
    path("bao-cao/lap/", views.report_create, name="report-create"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report-detail"),
    path("bao-cao/<int:pk>/gui/", views.report_send, name="report-send"),
    path("bao-cao/<int:pk>/xlsx/", views.report_xlsx, name="report-xlsx"),
    path("bao-cao/<int:pk>/pdf/", views.report_pdf, name="report-pdf"),
]
