from django.apps import AppConfig


class ProvinceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "province"
    verbose_name = "Chỉ tiêu, theo dõi và báo cáo của tỉnh"
