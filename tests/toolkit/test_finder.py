"""The method finder: rankings worked out by hand from the points in ``toolkit.finder``'s
docstring, and the page that asks the questions and shows the results."""

import pytest
from django.urls import reverse

from toolkit.code import Level, Step
from toolkit.finder import PEOPLE, Answers, Internet, rank
from toolkit.models import Method
from toolkit.models.methods import Audience, Cost, Facilitation, Fit, Literacy

pytestmark = pytest.mark.usefixtures("english")

CONSULT_DRAFT = (Level.CONSULTATION, Step.DRAFTING)
ELDERLY_VILLAGE = Answers(
    step=Step.DRAFTING,
    level=Level.CONSULTATION,
    people=PEOPLE["30"],
    audiences=(Audience.ELDERLY, Audience.VILLAGERS),
    weeks=4,
    budget=Cost.LOW,
    internet=Internet.NONE,
)


def _methods():
    return Method.objects.with_placements()


def _names(suggestions):
    return [s.method.slug for s in suggestions]


def test_an_elderly_village_without_internet_gets_methods_that_work_offline(make_method):
    """Drafting, consultation, 30 people (11–30), elderly villagers, 4 weeks, a low budget, no
    internet, facilitator not said.

    - village-meeting: exact cell 10, reaches both audiences +4, 10–150 people +1, offline +1
      = 16;
    - survey: exact cell 10, reaches villagers +2, elderly only with care -1, from 30 people +1,
      offline +1 = 13;
    - info-board: information at drafting, a neighbouring level 6, both audiences +4, any
      number +1, offline +1 = 12;
    - round-table: dialogue at drafting 6, suits elderly well (not among those it reaches) +1,
      8–25 people +1, offline +1 = 9;
    - online-consultation (needs internet) and referendum (10 weeks, high cost) sit in the very
      cell but are ruled out, and say why;
    - monitoring-visit (another step) and co-design (partnership: two levels away) are not
      offered at all.
    """
    both = [Audience.ELDERLY, Audience.VILLAGERS]
    make_method("village-meeting", position=1, weeks=3, group_min=10, group_max=150, audiences=both)
    make_method(
        "survey", position=2, weeks=4, group_min=30, group_max=None,
        audiences=[Audience.VILLAGERS], elderly=Fit.WITH_CARE,
    )  # fmt: skip
    make_method(
        "info-board", position=3, weeks=1, cost=Cost.NONE, group_min=1, group_max=None,
        audiences=both, cells=[(Level.INFORMATION, Step.DRAFTING)],
    )  # fmt: skip
    make_method(
        "round-table", position=4, group_min=8, group_max=25, paper=False,
        audiences=[Audience.NGOS], cells=[(Level.DIALOGUE, Step.DRAFTING)],
    )  # fmt: skip
    make_method("online-consultation", position=5, offline=False, online=True)
    make_method("referendum", position=6, weeks=10, cost=Cost.HIGH)
    make_method("monitoring-visit", position=7, cells=[(Level.CONSULTATION, Step.MONITORING)])
    make_method("co-design", position=8, cells=[(Level.PARTNERSHIP, Step.DRAFTING)])

    ranking = rank(_methods(), ELDERLY_VILLAGE)

    assert [(s.method.slug, s.score) for s in ranking.best] == [
        ("village-meeting", 16),
        ("survey", 13),
        ("info-board", 12),
        ("round-table", 9),
    ]
    assert ranking.also == []
    village, survey, board, table = ranking.best
    assert village.reasons == (
        "It is meant for preparing the draft and lets people give their views.",
        "It reaches elderly people and residents of small villages well.",
        "It works for this number of people.",
        "It works without internet, on paper too.",
        "It can be done in 3 weeks.",
        "Its cost fits your budget: low.",
    )
    assert village.cautions == ()
    assert survey.cautions == (
        "It suits elderly people only with care: a place close by, large print, time to speak "
        "and help to get there.",
    )
    assert board.reasons[0] == (
        "It is meant for preparing the draft and lets people be told about it: a little less "
        "influence than you asked for."
    )
    assert board.reasons[-1] == "Its cost fits your budget: no cost."
    assert table.reasons == (
        "It is meant for preparing the draft and lets people shape it together with the "
        "municipality: a little more influence than you asked for.",
        "It suits elderly people well.",
        "It works for this number of people.",
        "It works without internet.",
        "It can be done in 2 weeks.",
        "Its cost fits your budget: low.",
    )
    assert [(r.method.slug, r.reasons) for r in ranking.ruled_out] == [
        ("online-consultation", ("It needs the internet.",)),
        (
            "referendum",
            ("It takes at least 10 weeks.", "It costs more than your budget: its cost is high."),
        ),
    ]


def test_a_neighbouring_level_is_offered_when_the_cell_is_empty(make_method):
    """Monitoring with dialogue: nothing sits in that cell. Each of the three serves monitoring
    at a neighbouring level, 6 points; "both" serves both neighbours and is given the one with
    more influence; the tie goes to the position (all 0), then the name."""
    make_method("watch", name="Watch", cells=[(Level.CONSULTATION, Step.MONITORING)])
    make_method("both", name="Both", cells=[
        (Level.CONSULTATION, Step.MONITORING), (Level.PARTNERSHIP, Step.MONITORING),
    ])  # fmt: skip
    make_method("audit", name="Audit", cells=[(Level.PARTNERSHIP, Step.MONITORING)])
    make_method("elsewhere", cells=[(Level.DIALOGUE, Step.DRAFTING)])

    ranking = rank(_methods(), Answers(step=Step.MONITORING, level=Level.DIALOGUE))

    assert [(s.method.slug, s.score) for s in ranking.best] == [
        ("audit", 6),
        ("both", 6),
        ("watch", 6),
    ]
    assert ranking.best[1].reasons == (
        "It is meant for checking how it works and lets people decide or do it together with "
        "the municipality: a little more influence than you asked for.",
    )
    assert ranking.best[2].reasons[0].endswith("a little less influence than you asked for.")
    assert ranking.ruled_out == []


def test_each_hard_answer_rules_a_method_out(make_method):
    make_method("online", offline=False, online=True)
    make_method("long", weeks=9)
    make_method("costly", cost=Cost.MEDIUM)
    make_method("not-for-elderly", elderly=Fit.POOR)
    make_method("fits")
    make_method("offline-elsewhere", weeks=9, cells=[(Level.DIALOGUE, Step.DRAFTING)])
    answers = Answers(
        step=Step.DRAFTING,
        level=Level.CONSULTATION,
        audiences=(Audience.ELDERLY,),
        weeks=8,
        budget=Cost.LOW,
        internet=Internet.NONE,
    )

    ranking = rank(_methods(), answers)

    assert _names(ranking.best) == ["fits"]
    # Only methods of the very cell asked about are worth a "why not".
    assert {r.method.slug: r.reasons for r in ranking.ruled_out} == {
        "costly": ("It costs more than your budget: its cost is medium.",),
        "long": ("It takes at least 9 weeks.",),
        "not-for-elderly": ("It does not suit elderly people.",),
        "online": ("It needs the internet.",),
    }


def test_cautions_lower_a_method_without_ruling_it_out(make_method):
    """No facilitator, some people online, 101–500 people, villagers. "plain" (anyone can run
    it, offline, 5–50) 10 + 1 + 1 - 2 = 10; "trained" (a trained facilitator, online only,
    reading documents, from 600 people) 10 - 2 - 1 - 2 = 5."""
    make_method("plain", facilitation=Facilitation.NONE)
    make_method(
        "trained", facilitation=Facilitation.TRAINED, offline=False, online=True,
        literacy=Literacy.HIGH, group_min=600, group_max=None,
    )  # fmt: skip
    answers = Answers(
        step=Step.DRAFTING,
        people=PEOPLE["500"],
        audiences=(Audience.VILLAGERS,),
        internet=Internet.SOME,
        facilitator=False,
    )

    plain, trained = rank(_methods(), answers).best

    assert (plain.method.slug, plain.score, trained.score) == ("plain", 10, 5)
    assert plain.reasons == (
        "It is meant for preparing the draft.",
        "It works without internet, on paper too.",
        "Anyone can run it, without a facilitator.",
    )
    assert plain.cautions == (
        "It works for at most 50 people at a time: hold it in several groups.",
    )
    assert trained.cautions == (
        "It needs at least 600 people.",
        "Only people with internet can take part: offer the others another way.",
        "It needs a trained facilitator: ask the project team or an NGO for one.",
        "Taking part means reading and writing documents: read them out and help people write "
        "their views.",
    )


def test_ties_go_to_the_position_then_the_name_and_the_rest_are_also_possible(make_method):
    for slug, position in [("g", 2), ("f", 1), ("e", 1), ("d", 0), ("c", 3), ("b", 3), ("a", 4)]:
        make_method(slug, name=slug.upper(), position=position)

    ranking = rank(_methods(), Answers(level=Level.CONSULTATION))

    assert _names(ranking.best) == ["d", "e", "f", "g", "b"]
    assert _names(ranking.also) == ["c", "a"]
    assert ranking.best[0].reasons == ("It lets people give their views.",)


def test_without_step_or_influence_every_method_is_a_candidate(make_method):
    make_method("one", cells=[(Level.INFORMATION, Step.AGENDA)])
    make_method("two", cells=[(Level.PARTNERSHIP, Step.REFORMULATION)])

    ranking = rank(_methods(), Answers(internet=Internet.EVERYONE))

    assert _names(ranking.best) == ["one", "two"]
    assert ranking.best[0].reasons == ()


ANSWERS = {
    "decision": "<b>Детска площадка</b>",
    "step": "drafting",
    "level": "consultation",
    "people": "30",
    "audiences": ["elderly", "villagers"],
    "weeks": "4",
    "budget": "1",
    "internet": "none",
}


def test_the_page_shows_the_ranked_methods_with_reasons_and_plan_links(client, make_method):
    make_method("village-meeting", name="Селска среща", audiences=["elderly"])
    make_method("online-consultation", name="Онлайн консултация", offline=False)

    page = client.get(reverse("toolkit:finder"), ANSWERS).content.decode()

    assert "Селска среща" in page
    assert "It reaches elderly people well." in page
    assert "Онлайн консултация</a>: It needs the internet." in page
    assert "/en/toolkit/plan/?method=village-meeting&amp;decision=%3Cb%3E" in page
    assert "&amp;step=drafting" in page
    # What the visitor typed comes back escaped, in the form and in the link to share.
    assert "<b>Детска площадка</b>" not in page
    assert "&lt;b&gt;Детска площадка&lt;/b&gt;" in page
    assert 'id="share-link"' in page


def test_an_answer_not_offered_is_refused_by_its_question_and_the_others_count(client, make_method):
    make_method("village-meeting", name="Селска среща")

    response = client.get(reverse("toolkit:finder"), {**ANSWERS, "budget": "7"})

    form = response.context["form"]
    assert form.errors == {"budget": ["Choose one of the answers offered."]}
    assert response.context["ranking"].best[0].method.slug == "village-meeting"
    assert form["step"].value() == "drafting"
    assert "Choose one of the answers offered." in response.content.decode()


def test_the_questions_alone_show_no_results(client, make_method):
    make_method("village-meeting")

    response = client.get(reverse("toolkit:finder"))

    assert response.context["ranking"] is None
    assert "Methods that fit" not in response.content.decode()


def test_the_results_take_a_bounded_number_of_queries(
    client, make_method, django_assert_max_num_queries
):
    for number in range(12):
        make_method(f"method-{number}", cells=[CONSULT_DRAFT, (Level.DIALOGUE, Step.DRAFTING)])

    with django_assert_max_num_queries(8):
        response = client.get(reverse("toolkit:finder"), ANSWERS)

    assert len(response.context["ranking"].best) == 5
