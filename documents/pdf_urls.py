"""The PDF downloads of a decision's page (documents.pdf_views), next to the pages' own
addresses: /quyet-dinh/<pk>/… for recognition, /khen-thuong/quyet-dinh/<pk>/… for rewards."""

from django.urls import path

from . import pdf_views

urlpatterns = []
for kind, prefix, name in (
    ("recognition", "quyet-dinh", "decision"),
    ("reward", "khen-thuong/quyet-dinh", "reward-decision"),
):
    urlpatterns += [
        path(
            f"{prefix}/<int:pk>/van-ban.pdf",
            pdf_views.decision_pdf,
            {"kind": kind},
            name=f"{name}-pdf",
        ),
        path(
            f"{prefix}/<int:pk>/giay-chung-nhan.pdf",
            pdf_views.certificates_pdf,
            {"kind": kind},
            name=f"{name}-certificates-pdf",
        ),
        path(
            f"{prefix}/<int:pk>/giay-chung-nhan/<int:item>.pdf",
            pdf_views.certificates_pdf,
            {"kind": kind},
            name=f"{name}-certificate-pdf",
        ),
    ]
