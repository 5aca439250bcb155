"""Factories for tests. Rows are written through services where it matters
(audit trail); plain factories are for setting the scene."""

from __future__ import annotations

import factory

from fuwu.core.models import AuditChainHead, Membership, Organization, Role, Site, User


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    name_en = factory.Sequence(lambda n: f"Organization {n}")
    name_zh = factory.Sequence(lambda n: f"组织{n}")
    slug = factory.Sequence(lambda n: f"org-{n}")

    @factory.post_generation
    def chain(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            AuditChainHead.objects.get_or_create(organization=self)


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    organization = factory.SubFactory(OrganizationFactory)
    code = factory.Sequence(lambda n: f"S{n:03d}")
    name_en = factory.Sequence(lambda n: f"Site {n}")
    name_zh = factory.Sequence(lambda n: f"门店{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        self.set_password(extracted or "pw")
        if create:
            self.save(update_fields=["password"])


class MembershipFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.VIEWER
    all_sites = True

    class Meta:
        model = Membership
        skip_postgeneration_save = True

    @factory.post_generation
    def sites(self, create: bool, extracted: list[Site] | None, **kwargs: object) -> None:
        if create and extracted:
            self.all_sites = False
            self.save()
            self.sites.set(extracted)
