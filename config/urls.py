from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import LoginForm
from config.health import healthz

admin.site.site_header = "Quản trị hệ thống An toàn về an ninh, trật tự"
admin.site.site_title = "Quản trị ANTT"
admin.site.index_title = "Danh mục và cấu hình"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quan-tri/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("documents.urls")),
    path("", include("documents.pdf_urls")),
    path("", include("workflows.recognition.urls")),
    path("", include("workflows.rewards.urls")),
    path("", include("movement.urls")),
    path("", include("province.urls")),
    path("", include("notifications.urls")),
    path("", include("dossiers.urls")),
]

handler500 = "config.errors.server_error"
