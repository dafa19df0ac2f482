from django.urls import path

from . import views

urlpatterns = [
    path("kiem-tra/", views.inspection_list, name="inspection-list"),
    path("kiem-tra/ke-hoach/them/", views.plan_create, name="inspection-plan-create"),
    path("kiem-tra/them/", views.inspection_create, name="inspection-create"),
    path("kiem-tra/<int:pk>/", views.inspection_detail, name="inspection-detail"),
    path("kiem-tra/<int:pk>/kien-nghi/", views.inspection_refer, name="inspection-refer"),
    path("kien-nghi-sau-kiem-tra/", views.referral_list, name="referral-list"),
    path("mo-hinh/", views.model_list, name="model-list"),
    path("mo-hinh/<int:pk>/", views.model_detail, name="model-detail"),
    path("mat-tran/kiem-tra-hang-thang/", views.monthly_check_list, name="monthly-check-list"),
    path(
        "khen-thuong/<int:pk>/dong-de-nghi/",
        views.nomination_co_propose,
        name="nomination-co-propose",
    ),
]
