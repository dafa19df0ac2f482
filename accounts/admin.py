from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "last_name", "first_name", "role", "position", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("username", "first_name", "last_name", "email")
    fieldsets = DjangoUserAdmin.fieldsets + (
        ("Vai trò", {"fields": ("role", "position", "phone")}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (("Vai trò", {"fields": ("role", "position")}),)
