from django.urls import path

from . import views

urlpatterns = [
    path("khen-thuong/", views.NominationListView.as_view(), name="nomination-list"),
    path("khen-thuong/de-nghi/", views.nomination_create, name="nomination-create"),
    path("khen-thuong/<int:pk>/", views.nomination_detail, name="nomination-detail"),
    path("khen-thuong/<int:pk>/tai-len/", views.nomination_upload, name="nomination-upload"),
    path("khen-thuong/<int:pk>/trinh/", views.nomination_submit, name="nomination-submit"),
    path("khen-thuong/<int:pk>/tham-dinh/", views.nomination_appraise, name="nomination-appraise"),
    path("khen-thuong/<int:pk>/bieu-quyet/", views.nomination_vote, name="nomination-vote"),
    path(
        "khen-thuong/tai-lieu/<int:pk>/",
        views.nomination_document_download,
        name="nomination-document-download",
    ),
    path(
        "khen-thuong/quyet-dinh/<int:pk>/",
        views.reward_decision_detail,
        name="reward-decision-detail",
    ),
    path(
        "khen-thuong/quyet-dinh/<int:pk>/da-gui/",
        views.reward_decision_sent,
        name="reward-decision-sent",
    ),
    path(
        "khen-thuong/quyet-dinh/danh-sach/",
        views.reward_decision_list,
        name="reward-decision-list",
    ),
    path(
        "khen-thuong/ghi-nhan-quyet-dinh/",
        views.reward_decision_record,
        name="reward-decision-record",
    ),
]
