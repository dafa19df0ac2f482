from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("don-vi/", views.UnitListView.as_view(), name="unit-list"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit-detail"),
]
