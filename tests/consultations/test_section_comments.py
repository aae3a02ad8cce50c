"""A section shows its first ten published comments on the consultation's page and links a page
with all of them; what is not published shows on neither."""

from django.urls import reverse

from consultations.models import Comment


def comment(consultation, section, number, status=Comment.Status.PUBLISHED):
    return Comment.objects.create(
        consultation=consultation,
        section=section,
        text=f"Предложение номер {number:02d}.",
        author_name=f"Автор {number}",
        status=status,
    )


def test_a_section_shows_ten_comments_and_links_the_rest(client, consultation, english):
    section = consultation.versions.get().sections.get(key="chl-2")
    for number in range(1, 13):
        comment(consultation, section, number)
    comment(consultation, section, 99, status=Comment.Status.PENDING)

    page = client.get(consultation.get_absolute_url()).text
    everything = client.get(
        reverse("consultations:section_comments", args=[consultation.slug, "chl-2"])
    ).text

    assert "Предложение номер 10." in page and "Предложение номер 11." not in page
    assert "All 12 comments on this section" in page
    assert all(f"Предложение номер {number:02d}." in everything for number in range(1, 13))
    assert "Предложение номер 99." not in page + everything


def test_an_unknown_section_is_not_found(client, consultation):
    url = reverse("consultations:section_comments", args=[consultation.slug, "chl-9"])

    assert client.get(url).status_code == 404
