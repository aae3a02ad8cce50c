"""Versions of the document with their sections' keys, and the comparison of two versions."""

import pytest

from consultations import diff
from consultations.models import Comment, Version
from consultations.services import documents, sections
from ivanovo_portal.refusals import Refused

pytestmark = pytest.mark.django_db


def _revise(consultation, staff, changelog="Чл. 2 е преработен."):
    return documents.new_version(
        consultation, user=staff, kind=Version.Kind.REVISION, changelog=changelog
    )


def test_a_revision_copies_the_latest_sections_with_their_keys(staff, consultation):
    revision = _revise(consultation, staff)
    assert revision.number == 2
    assert list(revision.sections.values_list("key", "heading")) == [
        ("chl-1", "Предмет"),
        ("chl-2", "Шум"),
        ("chl-3", "Санкции"),
    ]
    assert documents.current_version(consultation) == revision
    draft = consultation.versions.get(number=1)
    assert draft.sections.count() == 3


def test_a_version_says_what_changed(staff, consultation):
    with pytest.raises(Refused) as refusal:
        _revise(consultation, staff, changelog=" ")
    assert refusal.value.field == "changelog"
    assert consultation.versions.count() == 1


def test_nothing_follows_the_adopted_text(staff, consultation):
    documents.new_version(
        consultation, user=staff, kind=Version.Kind.ADOPTED, changelog="Приета с решение № 5."
    )
    with pytest.raises(Refused):
        _revise(consultation, staff)


def test_a_superseded_version_cannot_change(staff, consultation):
    draft = consultation.versions.get(number=1)
    _revise(consultation, staff)
    with pytest.raises(Refused):
        sections.add_section(draft, user=staff, number="Чл. 4", heading="Нов", text="Текст.")
    section = draft.sections.get(key="chl-2")
    with pytest.raises(Refused):
        sections.update_section(section, user=staff, number="Чл. 2", heading="Х", text="Х.")


def test_sections_are_added_moved_and_edited_with_their_key_kept(staff, consultation):
    version = consultation.versions.get()
    added = sections.add_section(
        version, user=staff, number="Чл. 4", heading="Влизане в сила", text="От 1 януари."
    )
    assert added.key == "chl-4"
    sections.move_section(added, user=staff, up=True)
    assert list(version.sections.values_list("key", flat=True)) == [
        "chl-1",
        "chl-2",
        "chl-4",
        "chl-3",
    ]
    sections.update_section(added, user=staff, number="Чл. 3", heading="Сила", text="Веднага.")
    added.refresh_from_db()
    assert added.key == "chl-4" and added.heading == "Сила"


def test_a_section_with_comments_stays(staff, consultation):
    section = consultation.versions.get().sections.get(key="chl-2")
    Comment.objects.create(
        consultation=consultation,
        section=section,
        text="Да бъде до 23 часа.",
        author_name="Мария",
        status=Comment.Status.PUBLISHED,
    )
    with pytest.raises(Refused):
        sections.remove_section(section, user=staff)
    assert consultation.versions.get().sections.count() == 3


def test_the_comparison_goes_section_by_section_with_word_changes(staff, consultation):
    revision = _revise(consultation, staff)
    by_key = {section.key: section for section in revision.sections.all()}
    sections.update_section(
        by_key["chl-2"],
        user=staff,
        number="Чл. 2",
        heading="Шум",
        text="Забранява се шум между 23 и 6 часа.",
    )
    sections.remove_section(by_key["chl-3"], user=staff)
    sections.add_section(revision, user=staff, number="Чл. 4", heading="Сила", text="Веднага.")
    old = list(consultation.versions.get(number=1).sections.all())
    changes = diff.compare(old, list(revision.sections.all()))
    assert [(change.key, change.change) for change in changes] == [
        ("chl-1", "same"),
        ("chl-2", "changed"),
        ("chl-3", "removed"),
        ("chl-4", "added"),
    ]
    pieces = [(piece.change, piece.text) for piece in changes[1].text]
    assert ("removed", "22") in pieces and ("added", "23") in pieces
    assert "".join(text for change, text in pieces if change != "added") == (
        "Забранява се шум между 22 и 6 часа."
    )


def test_the_comparison_page_marks_insertions_and_deletions_for_screen_readers(
    client, staff, consultation, english
):
    revision = _revise(consultation, staff)
    sections.update_section(
        revision.sections.get(key="chl-3"),
        user=staff,
        number="Чл. 3",
        heading="Санкции",
        text="Нарушенията се наказват с имуществена санкция.",
    )
    response = client.get(f"/en/consultations/{consultation.slug}/compare/?a=1&b=2")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<del><span class="visually-hidden">removed: </span>глоба</del>' in page
    assert '<ins><span class="visually-hidden">added: </span>имуществена санкция</ins>' in page
    assert "Чл. 2 е преработен." in page


def test_comparing_needs_two_versions_that_exist(client, staff, consultation):
    assert client.get(f"/consultations/{consultation.slug}/compare/").status_code == 404
    _revise(consultation, staff)
    assert client.get(f"/consultations/{consultation.slug}/compare/?a=1&b=7").status_code == 404
    assert client.get(f"/consultations/{consultation.slug}/compare/?a=x").status_code == 200
