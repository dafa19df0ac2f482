from django.urls import path

from . import views

urlpatterns = [
    path("quyet-dinh/ban-hanh/", views.decision_create, name="decision-create"),
    path("quyet-dinh/thu-hoi/", views.decision_revoke, name="decision-revoke"),
    path("khen-thuong/quyet-dinh/", views.reward_decision_create, name="reward-decision-create"),
    path("khen-thuong/thu-hoi/", views.reward_revoke, name="reward-revoke"),
    path("du-thao/", views.draft_list, name="draft-list"),
    path("du-thao/<int:pk>/", views.draft_detail, name="draft-detail"),
    path("du-thao/<int:pk>/xem-truoc.pdf", views.draft_preview, name="draft-preview"),
    path("du-thao/<int:pk>/ky/", views.draft_sign, name="draft-sign"),
    path("du-thao/<int:pk>/huy/", views.draft_abandon, name="draft-abandon"),
    path("van-ban/<int:pk>/tai-ve/", views.document_download, name="document-download-signed"),
    path(
        "van-ban/giay-chung-nhan/<int:item_pk>/",
        views.certificate_download,
        name="certificate-download",
    ),
    path("xac-thuc/", views.document_check, name="document-check-upload"),
    path("xac-thuc/<str:code>/", views.document_check, name="document-check"),
]
