from django.urls import path

from . import views

urlpatterns = [
    path("viec-cua-toi/", views.inbox, name="inbox"),
    path("ho-so/", views.DossierListView.as_view(), name="dossier-list"),
    path("ho-so/dang-ky/", views.dossier_register, name="dossier-register"),
    path("ho-so/<int:pk>/", views.dossier_detail, name="dossier-detail"),
    path("ho-so/<int:pk>/so-do/", views.dossier_chart, name="dossier-chart"),
    path("ho-so/<int:pk>/tu-danh-gia/", views.dossier_assess, name="dossier-assess"),
    path("ho-so/<int:pk>/xet-duyet/", views.dossier_review, name="dossier-review"),
    path("ho-so/<int:pk>/tham-dinh/", views.dossier_appraise, name="dossier-appraise"),
    path("ho-so/<int:pk>/gia-han/", views.dossier_extend, name="dossier-extend"),
    path(
        "ho-so/<int:pk>/tiep-nhan-dang-ky/",
        views.registration_acknowledge,
        name="registration-acknowledge",
    ),
    path("thong-ke/", views.statistics, name="statistics"),
    path("tai-lieu/<int:pk>/", views.document_download, name="document-download"),
    path(
        "tai-lieu-dang-ky/<int:pk>/",
        views.registration_document_download,
        name="registration-document-download",
    ),
    path("quyet-dinh/", views.decision_list, name="decision-list"),
    path(
        "quyet-dinh/bo-truong/ghi-nhan/",
        views.minister_decision_record,
        name="minister-decision-record",
    ),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision-detail"),
]
