"""Settlements and stakeholder groups are reference data the staff keep up to date in the admin."""

import pytest
from django.urls import reverse

from ivanovo_portal.places.models import Settlement, StakeholderGroup
from tests.conftest import make_user


@pytest.fixture
def as_admin(client, db):
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", [Settlement, StakeholderGroup])
def test_the_admin_lists_and_opens_every_row(as_admin, model):
    opts = model._meta
    changelist = as_admin.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    assert changelist.status_code == 200
    for row in model.objects.all():
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])
        assert f'href="{url}"' in changelist.content.decode()
        assert as_admin.get(url).status_code == 200


def test_staff_correct_a_settlement_in_the_admin(as_admin):
    krasen = Settlement.objects.get(slug="krasen")
    url = reverse("admin:places_settlement_change", args=[krasen.pk])

    response = as_admin.post(
        url,
        {
            "name": "Красен",
            "name_en": "Krasen",
            "slug": "krasen",
            "position": krasen.position,
            "mayor_kind": Settlement.MayorKind.MAYOR,
            "population": "1423",
        },
    )

    assert response.status_code == 302
    krasen.refresh_from_db()
    assert krasen.population == 1423


def test_staff_rename_a_stakeholder_group_in_the_admin(as_admin):
    media = StakeholderGroup.objects.get(slug="media")
    url = reverse("admin:places_stakeholdergroup_change", args=[media.pk])

    response = as_admin.post(
        url,
        {"name": "Медии", "name_en": "Media and journalists", "slug": "media", "position": 3},
    )

    assert response.status_code == 302
    media.refresh_from_db()
    assert media.name_en == "Media and journalists"
