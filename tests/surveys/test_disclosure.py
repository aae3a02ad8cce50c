"""What the public sees of the demo's results, tried as an attacker would: no published figure, and
no figure worked out from two published ones, describes 1 to 4 people; no filter narrows it."""

import itertools

import pytest
from django.db.models import F
from django.urls import reverse

from ivanovo_portal.disclosure import MINIMUM
from ivanovo_portal.places.models import Settlement
from surveys.models import Question, Questionnaire
from surveys.results.disclosure import freeze, shape_of
from surveys.results.figures import ordered_questions

SMALL = range(1, MINIMUM)


@pytest.fixture
def demo(demo_for_module, db):
    """The demo's questionnaires with published results (the demo seeded once for the module)."""
    return list(Questionnaire.objects.filter(results_published=True))


def open_data(client, questionnaire, query=None):
    return client.get(reverse("surveys:open_data", args=[questionnaire.slug]), query).json()


def counts_of(view):
    """``{key: count}`` of a view of the open data, None for a withheld one; with the sums that
    tie them as ``[(whole key, [part keys])]``."""
    counts, sums = {"n": view["respondents"]}, []
    for prefix in ["by_channel", "by_settlement"]:
        keys = []
        for code, value in view[prefix].items():
            counts[prefix, code] = value["count"] if isinstance(value, dict) else value
            keys.append((prefix, code))
        sums.append(("n", keys))
    for question in view["questions"]:
        code = question["code"]
        counts["answered", code] = question["answered"]
        for row in question.get("rows", []):
            keys = [("cell", code, row["code"], o["code"]) for o in row["options"]]
            counts["answered", code, row["code"]] = row["answered"]
            counts.update(zip(keys, [o["count"] for o in row["options"]], strict=True))
            sums.append((("answered", code, row["code"]), keys))
        keys = [("option", code, o["code"]) for o in question.get("options", [])]
        counts.update(zip(keys, [o["count"] for o in question.get("options", [])], strict=True))
        if keys and question["type"] != Question.Kind.MULTIPLE:
            sums.append((("answered", code), keys))
        for key in keys if question["type"] == Question.Kind.MULTIPLE else []:
            sums.append((("answered", code), [key]))  # the rest did not tick it
    return counts, sums


def worked_out(whole, parts):
    """What the one unknown of ``whole = sum(parts)`` is, when exactly one figure is unknown."""
    figures = [whole, *parts]
    if figures.count(None) != 1:
        return None
    if whole is None:
        return sum(parts)
    return whole - sum(part for part in parts if part is not None)


def test_no_public_figure_describes_one_to_four_people(client, demo):
    checked = 0
    for questionnaire in demo:
        data = open_data(client, questionnaire)
        views = [data, *data["areas"]]
        tables = [counts_of(view) for view in views]
        for counts, sums in tables:
            assert not [key for key, n in counts.items() if n in SMALL and key != "n"]
            for whole, parts in sums:
                found = worked_out(counts.get(whole), [counts.get(p) for p in parts])
                if (
                    whole[0] == "answered"
                    and len(parts) == 1
                    and None
                    not in (
                        counts.get(whole),
                        counts.get(parts[0]),
                    )
                ):  # who did not tick an option of a multiple choice
                    found = counts[whole] - counts[parts[0]]
                assert found not in SMALL, (questionnaire.slug, whole, parts)
                checked += 1
            for code in {key[1] for key in counts if key[0] == "answered"}:
                answered = counts["answered", code]
                if answered is not None:
                    assert counts["n"] - answered not in SMALL
        whole_counts = tables[0][0]
        for key, value in whole_counts.items():
            parts = [counts.get(key, 0) for counts, _sums in tables[1:]]
            if tables[1:]:
                assert worked_out(value, parts) not in SMALL, (questionnaire.slug, key)
                checked += 1
    assert checked > 500


def test_the_areas_and_what_lies_outside_each_hold_at_least_five(client, demo):
    for questionnaire in demo:
        data = open_data(client, questionnaire)
        sizes = [area["respondents"] for area in data["areas"]]
        assert sum(sizes) in (0, data["respondents"])
        for size in sizes:  # the whole against an area: those outside it
            assert size >= MINIMUM and data["respondents"] - size >= MINIMUM
        for a, b in itertools.combinations(sizes, 2):  # two areas: nobody in both
            assert a + b >= 2 * MINIMUM
    citizens = open_data(client, Questionnaire.objects.get(slug="grazhdani-i-npo-2022"))
    assert citizens["areas"][0]["label"] == "Иваново"


def test_no_filter_of_the_staff_narrows_the_public_figures(client, demo):
    questionnaire = next(q for q in demo if q.slug == "grazhdani-i-npo-2022")
    choice = Question.objects.get(section__questionnaire=questionnaire, code="Q2").choices.first()
    whole = open_data(client, questionnaire)
    for query in [
        {"date_to": "2022-10-12"},
        {"date_from": "2022-10-13", "date_to": "2022-10-13"},
        {"settlements": ["1"]},
        {"answer": [choice.pk]},
        {"channels": ["paper"]},
    ]:
        assert open_data(client, questionnaire, query) == whole


def test_numbers_are_public_in_bands_of_five_without_extremes(client, demo):
    seen = 0
    for questionnaire in demo:
        for question in open_data(client, questionnaire)["questions"]:
            if question["type"] != Question.Kind.NUMBER:
                continue
            assert question["min"] is None and question["max"] is None
            assert all(o["count"] is None or o["count"] >= MINIMUM for o in question["options"])
            labels = [o["label"] for o in question["options"]]
            assert labels[0].startswith("до ") and labels[-1].endswith(" или повече")
            seen += 1
    assert seen


def test_the_public_page_states_the_rule_and_offers_only_the_areas(client, demo):
    questionnaire = next(q for q in demo if q.slug == "grazhdani-i-npo-2022")
    url = reverse("surveys:public_results", args=[questionnaire.slug])
    page = client.get(url).content.decode()
    assert 'id="disclosure-rule"' in page
    assert 'name="date_to"' not in page and 'name="answer"' not in page
    assert 'name="area" value="ivanovo"' in page
    area = client.get(url, {"area": "ivanovo"}).content.decode()
    assert "13 анкетирани от Иваново." in area
    assert "скрито" in area


def test_what_is_withheld_is_worked_out_at_publication_as_it_would_be_afresh(
    client, demo, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # each answer made anew
    for questionnaire in demo:
        kept = open_data(client, questionnaire)  # frozen when first read
        questionnaire.refresh_from_db()
        figures = {k: v for k, v in questionnaire.public_figures.items() if k != "withheld"}
        Questionnaire.objects.filter(pk=questionnaire.pk).update(public_figures=figures)
        assert open_data(client, questionnaire) == kept


def test_what_was_withheld_is_worked_out_again_once_the_options_change(demo):
    questionnaire = next(q for q in demo if q.slug == "grazhdani-i-npo-2022")
    settlements = list(Settlement.objects.all())
    kept = freeze(questionnaire)["withheld"]["shape"]
    assert shape_of(ordered_questions([questionnaire]), settlements) == kept
    single = Question.objects.filter(section__questionnaire=questionnaire, kind="single").first()
    single.choices.update(position=F("position") + 1)
    single.choices.create(code="new", label="Ново", position=0)  # the others' places move
    assert shape_of(ordered_questions([questionnaire]), settlements) != kept
