from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    UNIT_HEAD = "unit_head", "Người đứng đầu đơn vị"
    # Either police role takes the step the route gives to the office it is granted
    # (Circular 124, Art. 9: the standing office of the deciding level); the names say
    # which level the officer usually serves.
    REVIEWING_POLICE = "reviewing_police", "Công an cấp xã, phường (cấp huyện trước 2025)"
    APPRAISING_POLICE = "appraising_police", "Công an cấp tỉnh (PV05)"
    COMMITTEE_STAFF = "committee_staff", "Chuyên viên Ủy ban nhân dân"
    COMMITTEE_SIGNER = "committee_signer", "Lãnh đạo Ủy ban nhân dân (ký)"
    ADMIN = "admin", "Quản trị hệ thống"
    OBSERVER = "observer", "Người theo dõi (chỉ xem)"
    # Others take part in the movement (DOMAIN.md §1 "Who does what"): they read the
    # dossiers of their area and never take a step (movement.permissions).
    FRONT_OFFICER = "front_officer", "Cán bộ Mặt trận Tổ quốc"
    STEERING_COMMITTEE = "steering_committee", "Thành viên Ban Chỉ đạo"


# Roles that read and never act: a grant given to them is a view grant, whatever is asked.
READ_ONLY_ROLES = frozenset({Role.OBSERVER, Role.FRONT_OFFICER, Role.STEERING_COMMITTEE})


class User(AbstractUser):
    """A person who signs in. What they may do is their role; where, their jurisdiction:
    guardian object permissions on administrative areas and units (dossiers.jurisdiction)."""

    role = models.CharField("vai trò", max_length=32, choices=Role.choices, db_index=True)
    position = models.CharField("chức vụ", max_length=200, blank=True)
    phone = models.CharField("số điện thoại", max_length=20, blank=True)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        """Vietnamese order: family name first ("Nguyễn Văn An")."""
        return f"{self.last_name} {self.first_name}".strip()

    @property
    def sees_everything(self) -> bool:
        return self.is_superuser or self.role == Role.ADMIN
