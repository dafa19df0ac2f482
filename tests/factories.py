"""Test data with the shapes the domain has. Areas get their materialised path through
the same service the application uses."""

import datetime

import factory
from factory.django import DjangoModelFactory

from accounts.models import Role, User
from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.models import (
    AdministrativeArea,
    AreaLevel,
    CycleRoute,
    DocumentKind,
    RecognitionCycle,
    Regulation,
    StepDeadline,
    Unit,
    UnitKind,
)
from dossiers.reference.seed import RECOGNITION_DOSSIER
from dossiers.services import area_set_paths


def level(code: str) -> AreaLevel:
    return AreaLevel.objects.get(code=code)


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = AdministrativeArea
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"A{n:05d}")
    name = factory.Sequence(lambda n: f"Địa bàn {n}")
    level = factory.LazyFunction(lambda: level("province"))

    @factory.post_generation
    def set_path(obj, create, extracted, **kwargs):
        if create:
            area_set_paths([obj])

    class Params:
        province = factory.Trait(level=factory.LazyFunction(lambda: level("province")))
        district = factory.Trait(level=factory.LazyFunction(lambda: level("district")))
        commune = factory.Trait(level=factory.LazyFunction(lambda: level("commune")))
        residential = factory.Trait(level=factory.LazyFunction(lambda: level("residential")))


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    kind = UnitKind.RESIDENTIAL_AREA
    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    identifier = factory.Sequence(lambda n: f"U{n:06d}")
    area = factory.SubFactory(AreaFactory, residential=True)
    managing_level = factory.LazyFunction(lambda: level("commune"))


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Văn"
    last_name = "Nguyễn"
    role = Role.REVIEWING_POLICE
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem")

    @factory.post_generation
    def jurisdiction(obj, create, extracted, **kwargs):
        """UserFactory(jurisdiction=[area_or_unit, ...])"""
        obj.save()
        for target in extracted or []:
            user_grant_jurisdiction(user=obj, target=target)


class CycleFactory(DjangoModelFactory):
    """A cycle with the province's preliminary-review option switched on: the police of
    `review_level` (commune unless told otherwise) review first, provincial police
    appraise, the managing People's Committee decides (the commune's for residential
    areas). Tests of the routes as Circular 124 writes them build their own routes."""

    class Meta:
        model = RecognitionCycle
        skip_postgeneration_save = True

    year = 2026
    province = factory.SubFactory(AreaFactory, province=True)
    regulation = factory.LazyFunction(lambda: Regulation.objects.get(code="124/2021/TT-BCA"))
    name = factory.LazyAttribute(lambda o: f"Đợt {o.year}")

    @factory.post_generation
    def routes(obj, create, extracted, **kwargs):
        review = level(kwargs.get("review_level", "commune"))
        documents = list(DocumentKind.objects.filter(code__in=RECOGNITION_DOSSIER))
        for kind in UnitKind.values:
            route = CycleRoute.objects.create(
                cycle=obj,
                unit_kind=kind,
                window_start=datetime.date(obj.year - 1, 11, 16),
                window_end=datetime.date(obj.year, 11, 15),
                preliminary_review_level=review,
                appraise_level=level("province"),
                decide_level=level("commune") if kind == UnitKind.RESIDENTIAL_AREA else None,
            )
            route.required_documents.set(documents)
        StepDeadline.objects.bulk_create(
            [
                StepDeadline(cycle=obj, step="register", fixed_date=datetime.date(obj.year, 3, 31)),
                StepDeadline(cycle=obj, step="submit", fixed_date=datetime.date(obj.year, 12, 31)),
                StepDeadline(cycle=obj, step="review", working_days=10),
                StepDeadline(cycle=obj, step="supplement", working_days=5),
                StepDeadline(cycle=obj, step="appraise", working_days=10),
                StepDeadline(cycle=obj, step="decide", working_days=15),
            ]
        )
