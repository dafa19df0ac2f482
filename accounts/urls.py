from django.urls import path

from . import views

urlpatterns = [
    path("ho-so-ca-nhan/", views.profile, name="profile"),
    path("ho-so-ca-nhan/doi-mat-khau/", views.PasswordChangeView.as_view(), name="password-change"),
]
