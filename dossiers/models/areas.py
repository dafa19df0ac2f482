"""The administrative hierarchy as data with validity dates (DOMAIN.md §1, 2025 reform).

The pre-2025 tree (province → district → commune → residential area) and the post-2025
tree (province → commune → residential area) coexist; `successors` links a merged or
abolished area to what replaced it.
"""

import datetime
from functools import reduce
from operator import or_

from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

PATH_SEPARATOR = "/"
# Guardian codenames of a grant on an area (DESIGN.md, "grant on jurisdictions").
VIEW_AREA = "view_area_dossiers"
ACT_IN_AREA = "act_in_area"


def area_codenames(act: bool) -> list[str]:
    return [ACT_IN_AREA] if act else [ACT_IN_AREA, VIEW_AREA]


class AreaLevel(models.Model):
    """A level of the hierarchy. Levels are data: province, district, commune, residential;
    above them the Ministry of Public Security, which decides for units followed by its
    departments (Circular 124, Art. 10 cl. 4) and has one area, "Bộ Công an"."""

    MINISTRY = "ministry"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"
    RESIDENTIAL = "residential"

    code = models.SlugField("mã cấp", max_length=32, unique=True)
    name = models.CharField("tên cấp", max_length=100)
    rank = models.PositiveSmallIntegerField(
        "thứ bậc", help_text="0 là cấp Bộ; 1 là tỉnh, cấp cao nhất của địa phương."
    )

    class Meta:
        ordering = ["rank"]
        verbose_name = "cấp hành chính"
        verbose_name_plural = "cấp hành chính"

    def __str__(self):
        return self.name


class AreaQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )

    def granted_to(self, user, *, act: bool = False):
        """Areas granted to `user` directly or through a group — not those below them."""
        codes = area_codenames(act)
        return self.filter(
            models.Q(
                areauserpermission__user=user,
                areauserpermission__permission__codename__in=codes,
            )
            | models.Q(
                areagrouppermission__group__user=user,
                areagrouppermission__permission__codename__in=codes,
            )
        )

    def covered_by(self, user, *, act: bool = False):
        """Areas under the user's granted ones, as a lazy queryset of prefix matches: the
        few granted paths are read first (one small query), then `path LIKE '/1/17/%'`."""
        granted = self.model.objects.granted_to(user, act=act)
        paths = set(granted.values_list("path", flat=True))
        if not paths:
            return self.none()
        # A path that lies under another granted path adds nothing.
        roots = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
        return self.filter(reduce(or_, (models.Q(path__startswith=p) for p in roots)))

    def visible_to(self, user, *, act: bool = False):
        """Areas `user` may see (act=True: act in): granted areas and all below them."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_everything:
            return self.all()
        return self.covered_by(user, act=act)


class AdministrativeArea(models.Model):
    code = models.CharField("mã đơn vị hành chính", max_length=32, db_index=True)
    name = models.CharField("tên", max_length=255)
    level = models.ForeignKey(AreaLevel, models.PROTECT, related_name="areas", verbose_name="cấp")
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="trực thuộc",
    )
    # Ancestor ids from the root, e.g. "/1/17/342/": "every area under X" is one
    # indexed prefix match. Kept by dossiers.services.area_set_path, never by hand.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        verbose_name="đơn vị kế thừa (sau sáp nhập)",
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "địa bàn hành chính"
        verbose_name_plural = "địa bàn hành chính"
        constraints = [
            models.UniqueConstraint(
                fields=["code", "level", "valid_from"], name="area_code_level_from_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="area_validity_ordered",
            ),
        ]
        indexes = [
            models.Index(
                fields=["path"], name="area_path_prefix", opclasses=["varchar_pattern_ops"]
            )
        ]
        permissions = [
            (VIEW_AREA, "Xem hồ sơ trong địa bàn"),
            (ACT_IN_AREA, "Xử lý hồ sơ trong địa bàn"),
        ]

    def __str__(self):
        return self.name

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip(PATH_SEPARATOR).split(PATH_SEPARATOR) if part]


class AreaUserPermission(UserObjectPermissionBase):
    """Guardian's direct foreign key table: a user's jurisdiction over an area."""

    content_object = models.ForeignKey(AdministrativeArea, models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = "thẩm quyền địa bàn (người dùng)"
        verbose_name_plural = "thẩm quyền địa bàn (người dùng)"


class AreaGroupPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(AdministrativeArea, models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = "thẩm quyền địa bàn (nhóm)"
        verbose_name_plural = "thẩm quyền địa bàn (nhóm)"
