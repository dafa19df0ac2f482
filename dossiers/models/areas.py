"""The administrative hierarchy as data with validity dates (DOMAIN.md §1, 2025 reform).

The pre-2025 tree (province → district → commune → residential area) and the post-2025
tree (province → commune → residential area) coexist; `successors` links a merged or
abolished area to what replaced it.
"""

import datetime
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
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


def in_force(on: datetime.date | None = None, prefix: str = "") -> models.Q:
    """The filter of grant rows in force on `on` (today): a grant acts only while valid."""
    on = on or timezone.localdate()
    return (
        models.Q(**{f"{prefix}valid_from__isnull": True})
        | models.Q(**{f"{prefix}valid_from__lte": on})
    ) & (
        models.Q(**{f"{prefix}valid_to__isnull": True}) | models.Q(**{f"{prefix}valid_to__gte": on})
    )


def years_within(field: str, start: datetime.date | None, end: datetime.date | None) -> models.Q:
    """The filter of rows whose year (`field`: a cycle's or nomination's year) overlaps a
    grant's validity: a historical grant reads the cycles of its own years, not today's."""
    q = models.Q()
    if start is not None:
        q &= models.Q(**{f"{field}__gte": start.year})
    if end is not None:
        q &= models.Q(**{f"{field}__lte": end.year})
    return q


class Coverage:
    """The areas one set of a user's grants covers (all sharing one validity period):
    `roots`, the granted areas' ids, and `areas`, those and every area below them."""

    def __init__(self, areas, valid_from, valid_to, roots=()):
        self.areas, self.valid_from, self.valid_to = areas, valid_from, valid_to
        self.roots = list(roots)

    def years(self, field: str) -> models.Q:
        return years_within(field, self.valid_from, self.valid_to)


def area_grant_rows(user, *, act: bool):
    """The user's grant rows on areas (direct, through a group); with act=True only those
    in force today — an expired or future grant never acts."""
    codes = area_codenames(act)
    direct = AreaUserPermission.objects.filter(user=user, permission__codename__in=codes)
    by_group = AreaGroupPermission.objects.filter(group__user=user, permission__codename__in=codes)
    if act:
        direct, by_group = direct.filter(in_force()), by_group.filter(in_force())
    return direct, by_group


def _roots(paths) -> list[str]:
    # A path that lies under another granted path adds nothing.
    return [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]


def _last_id(path: str) -> int:
    return int(path.strip(PATH_SEPARATOR).rsplit(PATH_SEPARATOR, 1)[-1])


class AreaQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )

    def granted_to(self, user, *, act: bool = False):
        """Areas granted to `user` directly or through a group — not those below them;
        with act=True only by grants in force today."""
        direct, by_group = area_grant_rows(user, act=act)
        # One indexed lookup of a few ids (a UNION), not an OR of two IN-subqueries that
        # filters every area.
        granted = direct.values("content_object_id").union(by_group.values("content_object_id"))
        return self.filter(pk__in=granted)

    def coverage(self, user, *, act: bool = False) -> list[Coverage]:
        """The user's coverage per grant validity period: the few granted paths and their
        periods are read first (one small query), then each period's areas are a lazy
        prefix match (`path LIKE '/1/17/%'`)."""
        direct, by_group = area_grant_rows(user, act=act)
        fields = ("content_object__path", "valid_from", "valid_to")
        rows = set(direct.values_list(*fields).union(by_group.values_list(*fields)))
        periods = {}
        for path, start, end in rows:
            periods.setdefault((start, end), set()).add(path)
        return [
            Coverage(
                self.filter(reduce(or_, (models.Q(path__startswith=p) for p in _roots(paths)))),
                start,
                end,
                roots=sorted(_last_id(p) for p in _roots(paths)),
            )
            for (start, end), paths in sorted(periods.items(), key=str)
        ]

    def covered_by(self, user, *, act: bool = False):
        """Areas under the user's granted ones, whatever the grant's period (the areas are
        structure; what a past grant may read of them is limited by `Coverage.years`)."""
        coverage = self.coverage(user, act=act)
        if not coverage:
            return self.none()
        return reduce(or_, (c.areas for c in coverage))

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


class GrantPeriod(models.Model):
    """A jurisdiction grant's validity (DOMAIN.md §1, 2025 reform): an officer's grant ends
    when the area is merged or the officer moves. Kept on guardian's own grant row, so a
    grant and its period are one row that one join reads. Empty: without limit."""

    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Ngày hết hiệu lực phải sau ngày bắt đầu."})


class AreaUserPermission(GrantPeriod, UserObjectPermissionBase):
    """Guardian's direct foreign key table: a user's jurisdiction over an area."""

    content_object = models.ForeignKey(AdministrativeArea, models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = "thẩm quyền địa bàn (người dùng)"
        verbose_name_plural = "thẩm quyền địa bàn (người dùng)"


class AreaGroupPermission(GrantPeriod, GroupObjectPermissionBase):
    content_object = models.ForeignKey(AdministrativeArea, models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = "thẩm quyền địa bàn (nhóm)"
        verbose_name_plural = "thẩm quyền địa bàn (nhóm)"
