"""Units that can be recognised (DOMAIN.md §1, `UnitKind`)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from .areas import AdministrativeArea, AreaLevel, GrantPeriod, in_force
from .scope import AreaIdsField, indexed


class UnitKind(models.TextChoices):
    RESIDENTIAL_AREA = "residential_area", "Khu dân cư"
    COMMUNE = "commune", "Xã, phường, đặc khu"
    AGENCY = "agency", "Cơ quan"
    ENTERPRISE = "enterprise", "Doanh nghiệp"
    SCHOOL = "school", "Cơ sở giáo dục"


# Agencies, enterprises and schools (Circular 124, Art. 6–7, 9 cl. 1 c–d, 10).
ORGANISATION_KINDS = (UnitKind.AGENCY, UnitKind.ENTERPRISE, UnitKind.SCHOOL)


# Guardian codenames of a grant on a unit (DESIGN.md, "grant on jurisdictions").
VIEW_UNIT = "view_unit"
ACT_FOR_UNIT = "act_for_unit"


def unit_codenames(act: bool) -> list[str]:
    return [ACT_FOR_UNIT] if act else [ACT_FOR_UNIT, VIEW_UNIT]


def unit_grant_rows(user, *, act: bool, unit=None, year=None):
    """The user's grant rows on units (direct, through a group), as two querysets; with
    act=True only those in force today; `unit`/`year` (often OuterRefs) narrow them to one
    unit and to grants whose validity overlaps that year."""
    codes = unit_codenames(act)
    rows = [
        UnitUserPermission.objects.filter(user=user, permission__codename__in=codes),
        UnitGroupPermission.objects.filter(group__user=user, permission__codename__in=codes),
    ]
    narrow = models.Q()
    if act:
        narrow &= in_force()
    if unit is not None:
        narrow &= models.Q(content_object=unit)
    if year is not None:
        narrow &= (models.Q(valid_from__isnull=True) | models.Q(valid_from__year__lte=year)) & (
            models.Q(valid_to__isnull=True) | models.Q(valid_to__year__gte=year)
        )
    return [r.filter(narrow) for r in rows]


def granted_unit_in_year(
    user, *, act: bool, unit_field: str, year_field: str = "", year=None
) -> models.Q:
    """The filter of rows (dossiers, nominees) whose unit is granted to `user` by a grant
    whose validity overlaps the row's year (`year_field`, or the expression `year`)."""
    direct, by_group = unit_grant_rows(
        user,
        act=act,
        unit=models.OuterRef(unit_field),
        year=year if year is not None else models.OuterRef(year_field),
    )
    return models.Exists(direct) | models.Exists(by_group)


class UnitQuerySet(models.QuerySet):
    def located_in(self, covered) -> models.Q:
        """Units located in one of the `covered` areas, or in the successor of one: an
        officer of an abolished area (a district before 2025) still covers the units whose
        area succeeded one under it, so historical cycles stay reachable."""
        succeeded = AdministrativeArea.successors.through.objects.filter(
            to_administrativearea=models.OuterRef("area_id"), from_administrativearea__in=covered
        )
        return models.Q(area_id__in=covered) | models.Exists(succeeded)

    def in_jurisdiction_of(self, user, *, act: bool = False, covered=None) -> models.Q:
        """The filter of the units `user` covers: units granted to them, units located in
        an area they cover, and units located in the successor of an area they cover."""
        if covered is None and indexed():
            from .grants import user_grants  # grants reads this module's grant tables

            grants = user_grants(user, act=act)
            units = sorted({pk for ids in grants.units.values() for pk in ids})
            roots = sorted({pk for ids in grants.areas.values() for pk in ids})
            return models.Q(pk__in=units) | models.Q(scope__overlaps=roots)
        if covered is None:
            covered = AdministrativeArea.objects.covered_by(user, act=act).values("pk")
        direct, by_group = unit_grant_rows(user, act=act)
        return (
            models.Q(pk__in=direct.values("content_object_id"))
            | models.Q(pk__in=by_group.values("content_object_id"))
            | self.located_in(covered)
        )

    def visible_to(self, user, *, act: bool = False):
        """Units `user` may see (act=True: act for)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_everything:
            return self.all()
        return self.filter(self.in_jurisdiction_of(user, act=act))

    def actionable_by(self, user):
        return self.visible_to(user, act=True)


class Unit(models.Model):
    kind = models.CharField("loại đơn vị", max_length=32, choices=UnitKind.choices, db_index=True)
    name = models.CharField("tên đơn vị", max_length=255)
    identifier = models.CharField(
        "mã định danh",
        max_length=64,
        unique=True,
        help_text="Mã số thuế, mã đơn vị hành chính hoặc mã do tỉnh cấp.",
    )
    area = models.ForeignKey(
        AdministrativeArea,
        models.PROTECT,
        related_name="units",
        verbose_name="địa bàn",
        help_text="Với khu dân cư và xã, phường: chính địa bàn đó; với tổ chức: nơi đặt trụ sở.",
    )
    managing_level = models.ForeignKey(
        AreaLevel,
        models.PROTECT,
        related_name="+",
        verbose_name="cấp quản lý",
        help_text="Ủy ban nhân dân cấp nào quản lý đơn vị (xã hay tỉnh).",
    )
    delegated_to = models.ForeignKey(
        AdministrativeArea,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="delegated_units",
        verbose_name="Ủy ban nhân dân được ủy quyền",
        help_text="Thông tư 124, Điều 10 khoản 5: Ủy ban nhân dân cấp trên ủy quyền cho Ủy ban "
        "nhân dân cấp dưới một cấp xét duyệt, công nhận cơ quan, doanh nghiệp, cơ sở giáo dục "
        "đóng trên địa bàn.",
    )
    followed_by_ministry = models.BooleanField(
        "do đơn vị nghiệp vụ thuộc Bộ Công an theo dõi",
        default=False,
        help_text="Thông tư 124, Điều 9 khoản 1 điểm d, Điều 10 khoản 4: Bộ trưởng Bộ Công an "
        "quyết định công nhận; tỉnh chỉ ghi nhận kết quả.",
    )
    is_small_enterprise = models.BooleanField("doanh nghiệp nhỏ hoặc siêu nhỏ", default=False)
    is_excluded_school = models.BooleanField("trường tiểu học, mầm non hoặc nhà trẻ", default=False)
    is_armed_forces = models.BooleanField("đơn vị thuộc lực lượng vũ trang", default=False)
    heads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="headed_units",
        verbose_name="người đứng đầu",
    )
    active = models.BooleanField("đang hoạt động", default=True)
    # The areas whose grant covers the unit (dossiers.models.scope), kept by the database.
    scope = AreaIdsField("phạm vi thẩm quyền")

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["area__path", "name"]
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        permissions = [(ACT_FOR_UNIT, "Thao tác thay mặt đơn vị")]

    def __str__(self):
        return self.name

    def clean(self):
        self._clean_followed_by_ministry()
        self._clean_delegation()

    def _clean_followed_by_ministry(self):
        """Circular 124, Art. 9 cl. 1 d; Art. 10 cl. 4: only "cơ quan, doanh nghiệp, cơ sở
        giáo dục do các đơn vị nghiệp vụ thuộc Bộ Công an theo dõi" go to the Minister; no
        People's Committee decides them, so none can be delegated to (Art. 10 cl. 5)."""
        if not self.followed_by_ministry:
            return
        errors = []
        if self.kind not in ORGANISATION_KINDS:
            errors.append(
                "Chỉ cơ quan, doanh nghiệp, cơ sở giáo dục do đơn vị nghiệp vụ thuộc Bộ Công an "
                "theo dõi mới do Bộ trưởng Bộ Công an quyết định công nhận."
            )
        if self.delegated_to_id:
            errors.append(
                "Đơn vị do Bộ trưởng Bộ Công an quyết định công nhận không ủy quyền cho Ủy ban "
                "nhân dân."
            )
        if errors:
            raise ValidationError({"followed_by_ministry": errors})

    def _clean_delegation(self):
        """Circular 124, Art. 10 cl. 5: a committee may delegate recognition "cho Ủy ban nhân
        dân cấp dưới một cấp", for agencies, enterprises and schools "đóng trên địa bàn"."""
        if not self.delegated_to_id:
            return
        errors = []
        if self.kind not in ORGANISATION_KINDS:
            errors.append("Chỉ ủy quyền xét, công nhận cơ quan, doanh nghiệp, cơ sở giáo dục.")
        delegate = self.delegated_to
        above = delegate.parent
        if delegate.level.code == AreaLevel.RESIDENTIAL or (
            self.managing_level_id and (above is None or above.level_id != self.managing_level_id)
        ):
            # "Cấp dưới một cấp": the committee directly under the managing one in the tree
            # as it stands (no district since 07/2025: province → commune).
            errors.append(
                "Chỉ được ủy quyền cho Ủy ban nhân dân cấp dưới một cấp so với cấp quản lý."
            )
        if self.area_id and not self.area.path.startswith(delegate.path):
            errors.append("Đơn vị phải đóng trên địa bàn của Ủy ban nhân dân được ủy quyền.")
        if errors:
            raise ValidationError({"delegated_to": errors})


class UnitUserPermission(GrantPeriod, UserObjectPermissionBase):
    content_object = models.ForeignKey(Unit, models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = "thẩm quyền đơn vị (người dùng)"
        verbose_name_plural = "thẩm quyền đơn vị (người dùng)"


class UnitGroupPermission(GrantPeriod, GroupObjectPermissionBase):
    content_object = models.ForeignKey(Unit, models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = "thẩm quyền đơn vị (nhóm)"
        verbose_name_plural = "thẩm quyền đơn vị (nhóm)"
