from django.urls import path

from . import views

urlpatterns = [
    path("thong-bao/", views.notification_list, name="notification-list"),
    path("thong-bao/da-doc/", views.notification_read, name="notification-read"),
    path("thong-bao/tuy-chon/", views.preferences, name="notification-preferences"),
]
