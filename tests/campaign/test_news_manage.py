"""Staff write the news: a draft first, a look at it as the public will see it, then published now
or scheduled, perhaps taken back; images only with what they show. Only staff may, bad input is
answered by the field and nothing is saved half-way, and every step is in the article's history."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from campaign.models import Article, ArticleImage
from campaign.services import news as services
from ivanovo_portal.audit.models import Entry
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "resident", "monitor", "official", "staff"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png_upload(name="snimka.png"):
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@pytest.fixture
def draft(staff):
    return services.create_article(
        user=staff,
        title="Кръглата маса в Иваново",
        lead="Обсъдихме препоръките към общината.",
        body="Текст.",
        activities=["campaign"],
    )


def form_data(**changes):
    return {
        "title": "Срещата в Мечка",
        "slug": "",
        "lead": "Жителите обсъдиха плана.",
        "body": "# Какво предложиха\n\nРемонт на водопровода.",
        "activities": ["consultations"],
        "settlements": [Settlement.objects.get(slug="mechka").pk],
        **changes,
    }


def _screens(article):
    image = ArticleImage.objects.create(article=article, file="x.png", alt="Снимка")
    at = [article.pk]
    return {
        "list": ("get", reverse("campaign:manage_news"), {}),
        "create": ("get", reverse("campaign:manage_news_create"), {}),
        "edit": ("get", reverse("campaign:manage_news_edit", args=at), {}),
        "publish": ("post", reverse("campaign:manage_news_publish", args=at), {}),
        "unpublish": ("post", reverse("campaign:manage_news_unpublish", args=at), {}),
        "image_add": ("post", reverse("campaign:manage_news_image_add", args=at), {}),
        "image_remove": (
            "post",
            reverse("campaign:manage_news_image_remove", args=[article.pk, image.pk]),
            {},
        ),
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "screen", ["list", "create", "edit", "publish", "unpublish", "image_add", "image_remove"]
)
def test_only_staff_may_use_the_news_screens(client, request, draft, screen, persona):
    method, url, data = _screens(draft)[screen]
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    response = getattr(client, method)(url, data)

    if persona == "staff":
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert "/accounts/login/" not in response.url
    elif persona == "anonymous":
        assert response.status_code == 302
        assert "/accounts/login/" in response.url
    else:
        assert response.status_code == 403


def test_a_new_article_is_a_draft_with_an_address_from_its_title_and_its_tags(client, staff):
    client.force_login(staff)

    response = client.post(reverse("campaign:manage_news_create"), form_data())

    article = Article.objects.get()
    assert response.url == reverse("campaign:manage_news_edit", args=[article.pk])
    assert article.slug == "sreshtata-v-mechka"
    assert article.published_at is None
    assert [activity.value for activity in article.activities()] == ["consultations"]
    assert [s.slug for s in article.settlements.all()] == ["mechka"]
    assert client.get(article.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_bad_input_is_answered_by_the_field_in_bulgarian_and_nothing_is_saved(client, staff):
    client.force_login(staff)

    response = client.post(reverse("campaign:manage_news_create"), form_data(title=""))

    assert response.status_code == 200
    assert response.context["form"].errors["title"] == ["Това поле е задължително."]
    assert "Жителите обсъдиха плана." in response.text
    assert not Article.objects.exists()


def test_an_address_another_article_has_is_refused_by_its_field(client, staff, draft):
    client.force_login(staff)

    response = client.post(reverse("campaign:manage_news_create"), form_data(slug=draft.slug))

    assert "slug" in response.context["form"].errors
    assert Article.objects.count() == 1


def test_a_change_to_a_published_article_is_kept_in_its_history(client, staff, draft):
    services.publish_article(draft, user=staff)
    client.force_login(staff)

    client.post(
        reverse("campaign:manage_news_edit", args=[draft.pk]),
        form_data(title="Кръглата маса събра 26 души", slug=draft.slug, activities=["surveys"]),
    )

    draft.refresh_from_db()
    assert draft.title == "Кръглата маса събра 26 души"
    assert draft.slug == "kraglata-masa-v-ivanovo"
    entry = Entry.objects.filter(action="campaign.article_changed").get()
    assert entry.actor == staff
    assert entry.changes["title"] == ["Кръглата маса в Иваново", "Кръглата маса събра 26 души"]
    assert entry.changes["activity_tags"] == ["Информационна кампания", "Проучвания и анализи"]
    page = client.get(reverse("campaign:manage_news_edit", args=[draft.pk])).text
    assert "Кръглата маса събра 26 души" in page
    assert "История на промените" in page


def test_publishing_without_a_moment_publishes_now(client, staff, draft):
    client.force_login(staff)

    client.post(reverse("campaign:manage_news_publish", args=[draft.pk]), {"published_at": ""})

    draft.refresh_from_db()
    assert draft.is_published()
    assert Entry.objects.filter(action="campaign.article_published").count() == 1
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_a_moment_ahead_schedules_the_article(client, staff, draft):
    client.force_login(staff)
    ahead = timezone.localtime() + timedelta(days=3)

    client.post(
        reverse("campaign:manage_news_publish", args=[draft.pk]),
        {"published_at": ahead.strftime("%Y-%m-%dT%H:%M")},
    )

    draft.refresh_from_db()
    assert draft.is_scheduled()
    assert draft.published_at == ahead.replace(second=0, microsecond=0)
    assert Entry.objects.filter(action="campaign.article_scheduled").count() == 1
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_moment_in_the_past_is_refused_by_its_field(client, staff, draft):
    client.force_login(staff)
    past = timezone.localtime() - timedelta(days=30)

    response = client.post(
        reverse("campaign:manage_news_publish", args=[draft.pk]),
        {"published_at": past.strftime("%Y-%m-%dT%H:%M")},
    )

    assert "published_at" in response.context["publish_form"].errors
    draft.refresh_from_db()
    assert draft.published_at is None


def test_a_published_article_cannot_be_published_again(staff, draft):
    services.publish_article(draft, user=staff)

    with pytest.raises(Refused):
        services.publish_article(draft, user=staff)


def test_taking_an_article_back_makes_it_a_draft_the_public_cannot_see(client, staff, draft):
    services.publish_article(draft, user=staff)
    client.force_login(staff)

    client.post(reverse("campaign:manage_news_unpublish", args=[draft.pk]))

    draft.refresh_from_db()
    assert draft.published_at is None
    assert Entry.objects.filter(action="campaign.article_unpublished").count() == 1
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Кръглата маса" not in client.get(reverse("campaign:news")).text


def test_an_image_without_what_it_shows_is_refused_and_not_kept(client, staff, draft):
    client.force_login(staff)

    response = client.post(
        reverse("campaign:manage_news_image_add", args=[draft.pk]),
        {"file": png_upload(), "alt": "", "caption": "Подпис", "position": 0},
    )

    assert "alt" in response.context["image_form"].errors
    assert 'value="Подпис"' in response.text
    assert not draft.images.exists()


def test_a_file_that_is_no_image_is_refused_whatever_its_name(client, staff, draft):
    client.force_login(staff)
    fake = SimpleUploadedFile("snimka.png", b"MZ\x90\x00 not a picture", content_type="image/png")

    response = client.post(
        reverse("campaign:manage_news_image_add", args=[draft.pk]),
        {"file": fake, "alt": "Снимка", "position": 0},
    )

    assert "file" in response.context["image_form"].errors
    assert not draft.images.exists()


def test_an_image_with_what_it_shows_is_added_and_can_be_removed(client, staff, draft):
    client.force_login(staff)

    client.post(
        reverse("campaign:manage_news_image_add", args=[draft.pk]),
        {"file": png_upload(), "alt": "Участниците около масата", "position": 0},
    )
    image = draft.images.get()
    html = client.get(draft.get_absolute_url()).text
    assert 'alt="Участниците около масата"' in html

    client.post(reverse("campaign:manage_news_image_remove", args=[draft.pk, image.pk]))

    assert not draft.images.exists()
    assert set(
        Entry.objects.filter(action__startswith="campaign.article_image").values_list(
            "action", flat=True
        )
    ) == {"campaign.article_image_added", "campaign.article_image_removed"}


def test_staff_list_shows_each_article_state_and_views(client, staff, draft, english):
    services.publish_article(
        services.create_article(user=staff, title="Покана", lead="Елате.", body="Текст."),
        user=staff,
        published_at=timezone.now() + timedelta(days=1),
    )
    client.force_login(staff)

    html = client.get(reverse("campaign:manage_news")).text

    assert "Draft" in html
    assert "Scheduled" in html


def test_publishing_twice_says_why_on_the_page(client, staff, draft, english):
    services.publish_article(draft, user=staff)
    client.force_login(staff)

    response = client.post(reverse("campaign:manage_news_publish", args=[draft.pk]))

    assert "This article is published already." in response.text


def test_staff_list_shows_drafts_first_then_the_newest(client, staff, draft):
    older = services.create_article(user=staff, title="Старата", lead="Л.", body="Т.")
    newer = services.create_article(user=staff, title="Новата", lead="Л.", body="Т.")
    services.publish_article(older, user=staff)
    services.publish_article(newer, user=staff)
    client.force_login(staff)

    response = client.get(reverse("campaign:manage_news"))

    assert [a.title for a in response.context["page_obj"]] == [
        "Кръглата маса в Иваново",
        "Новата",
        "Старата",
    ]
