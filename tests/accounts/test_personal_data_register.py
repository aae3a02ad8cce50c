"""The personal-data register: every personal field declared; the privacy notice made from it."""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse

from ivanovo_portal.accounts import personal_data

LOOKS_PERSONAL = re.compile(r"name|mail|phone|contact|(^|_)ip(_|$)|user_agent|address")

# Fields whose names look personal but hold nothing about a person, and why.
NOT_PERSONAL = {
    ("auth.Permission", "name"): "a permission's name",
    ("auth.Permission", "codename"): "a permission's code",
    ("auth.Group", "name"): "a role's name",
    ("places.Settlement", "name"): "a village's name",
    ("places.Settlement", "name_en"): "a village's name",
    ("places.StakeholderGroup", "name"): "a group's name",
    ("places.StakeholderGroup", "name_en"): "a group's name",
    ("recommendations.Recommendation", "addressee"): "an institution",
    ("recommendations.Attachment", "original_name"): "a file's name",
    ("monitoring.Framework", "name"): "a framework of criteria's name",
    ("monitoring.Area", "name"): "an area of criteria's name",
    ("monitoring.Evidence", "name"): "a file's name",
    ("meetings.Meeting", "address"): "a venue's address",
    ("meetings.Material", "name"): "a file's name",
    ("consultations.Annex", "name"): "a file's name",
    ("toolkit.Method", "name"): "a participation method's name",
}


def looks_personal(field):
    if isinstance(field, models.ForeignKey):
        return field.related_model._meta.label == settings.AUTH_USER_MODEL
    return bool(LOOKS_PERSONAL.search(field.name))


def undeclared():
    declared = personal_data.declared_fields()
    return sorted(
        (model._meta.label, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if looks_personal(field)
        and (model._meta.label, field.name) not in declared
        and (model._meta.label, field.name) not in NOT_PERSONAL
    )


def test_an_app_that_stores_personal_data_without_declaring_it_is_a_bug():
    assert undeclared() == [], "Declare these in the app's personal-data register entries"


def test_the_check_finds_a_personal_field_nobody_declared():
    with personal_data.declarations.override(only=True):
        assert ("accessibility.Feedback", "contact") in undeclared()
        assert ("accounts.User", "email") in undeclared()


def test_every_declared_field_exists():
    for model_label, name in personal_data.declared_fields():
        apps.get_model(model_label)._meta.get_field(name)


@pytest.mark.parametrize(
    ("path", "texts"),
    [
        (
            "/privacy/",
            ['<html lang="bg">', "Комисията за защита на личните данни", "Център Динамика"],
        ),
        ("/en/privacy/", ["Privacy notice", "Commission for Personal Data Protection"]),
    ],
)
def test_the_privacy_notice_is_made_from_the_declarations(client, db, path, texts):
    html = client.get(path).content.decode()
    for text in texts:
        assert text in html
    assert 'href="https://www.cpdp.bg/"' in html
    with personal_data.declarations.override(only=True):
        assert "GDPR Art. 6(1)(a)" not in client.get("/en/privacy/").content.decode()


def test_the_notice_names_each_purpose_once_and_the_anonymous_answers(client, db, english):
    html = client.get(reverse("privacy:notice")).content.decode()
    assert html.count("To protect accounts from password guessing") == 1
    assert "nothing in them says who gave them" in html
    assert "90 days after the sign-in" in html


def test_the_footer_and_the_forms_that_take_personal_data_link_the_notice(client, resident):
    notice = f'href="{reverse("privacy:notice")}"'
    assert notice in client.get(reverse("home")).content.decode()
    statement = client.get(reverse("accessibility:statement")).content.decode()
    assert statement.count(notice) == 2
    client.force_login(resident)
    assert client.get(reverse("accounts:erase")).content.decode().count(notice) == 2
