"""The method finder: which methods fit a decision, given a few plain answers, and why.

``rank`` is a pure function of the methods (their placements loaded) and the answers, so that a
ranking can be worked out by hand. A method is offered when it serves the chosen step and
influence (a cell of the Code's matrix) or the same step at a neighbouring level. Four answers
rule a method out (no internet, too little time, too little money, elderly people it does not
suit); the others move it up or down and give the reasons and cautions shown beside it.

The points:

- the cell: the exact cell (or, when the step or the influence is "not sure", the one given)
  10; the same step at a neighbouring level 6 (the one with more influence when both are);
  a method serving neither is not offered;
- each audience asked for that the method reaches well +2; elderly people asked for and the
  method suits them well but is not among those it reaches +1, suits them only with care -1;
- the number of people within its range +1, outside -2;
- no internet, or only some people with it, and it works offline +1; some without internet and
  it needs it -1; everyone online and it can be done online +1;
- no facilitator and anyone can run it +1; no facilitator and it needs a trained one -2.

Ties go to the method's position in the toolkit, then its name."""

from dataclasses import dataclass

from django.db import models
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .code import Level, Step
from .models.methods import Audience, Cost, Facilitation, Fit, Literacy

BEST = 5
ALSO = 5
EXACT = 10
NEIGHBOUR = 6
LEVELS = list(Level)

# The Code's steps and levels as a resident or a village mayor would say them.
STEP_WORDS = {
    Step.AGENDA: gettext_lazy("choosing what to deal with"),
    Step.DRAFTING: gettext_lazy("preparing the draft"),
    Step.DECISION: gettext_lazy("taking the decision"),
    Step.IMPLEMENTATION: gettext_lazy("putting it into practice"),
    Step.MONITORING: gettext_lazy("checking how it works"),
    Step.REFORMULATION: gettext_lazy("reviewing and changing it"),
}
INFLUENCE_WORDS = {
    Level.INFORMATION: gettext_lazy("be told about it"),
    Level.CONSULTATION: gettext_lazy("give their views"),
    Level.DIALOGUE: gettext_lazy("shape it together with the municipality"),
    Level.PARTNERSHIP: gettext_lazy("decide or do it together with the municipality"),
}


class Internet(models.TextChoices):
    EVERYONE = "everyone", gettext_lazy("Everyone uses the internet")
    SOME = "some", gettext_lazy("Some do, some do not")
    NONE = "none", gettext_lazy("Hardly anyone: it must work without internet")


# How many people will take part: a band's value is its upper end, its range (fewest, most).
PEOPLE = {
    "10": (1, 10),
    "30": (11, 30),
    "100": (31, 100),
    "500": (101, 500),
    "more": (501, None),
}


@dataclass(frozen=True)
class Answers:
    """What the visitor answered; ``None`` (or empty) where they were not sure or said nothing."""

    step: str | None = None
    level: str | None = None
    people: tuple[int, int | None] | None = None
    audiences: tuple[str, ...] = ()
    weeks: int | None = None
    budget: int | None = None
    internet: str | None = None
    facilitator: bool | None = None


@dataclass(frozen=True)
class Suggestion:
    method: object
    score: int
    reasons: tuple[str, ...]
    cautions: tuple[str, ...]


@dataclass(frozen=True)
class RuledOut:
    method: object
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Ranking:
    best: list[Suggestion]
    also: list[Suggestion]
    # Methods made for the very cell asked about that an answer rules out, and why: the ones a
    # visitor might look for.
    ruled_out: list[RuledOut]


def rank(methods, answers):
    """The methods that fit ``answers``, best first, with their reasons and cautions."""
    offered, ruled_out = [], []
    for method in methods:
        cell, cell_reasons = _cell(method, answers)
        if cell is None:
            continue
        exclusions = _exclusions(method, answers)
        if exclusions:
            if cell == EXACT:
                ruled_out.append(RuledOut(method, tuple(exclusions)))
            continue
        points, reasons, cautions = _fit(method, answers)
        offered.append(
            Suggestion(method, cell + points, tuple(cell_reasons + reasons), tuple(cautions))
        )
    offered.sort(key=lambda s: (-s.score, s.method.position, s.method.name))
    ruled_out.sort(key=lambda r: (r.method.position, r.method.name))
    return Ranking(offered[:BEST], offered[BEST : BEST + ALSO], ruled_out)


def _cell(method, answers):
    """The points for where the method sits in the Code's matrix and the reason, or ``None``
    when it serves neither the cell asked about nor the same step at a neighbouring level."""
    cells = {(p.level, p.step) for p in method.placements.all()}
    step, level = answers.step, answers.level
    if step is None and level is None:
        return 0, []
    if level is None:
        if any(s == step for _level, s in cells):
            return EXACT, [_("It is meant for %(step)s.") % {"step": STEP_WORDS[step]}]
        return None, []
    if step is None:
        if any(lv == level for lv, _step in cells):
            return EXACT, [
                _("It lets people %(influence)s.") % {"influence": INFLUENCE_WORDS[level]}
            ]
        return None, []
    words = {"step": STEP_WORDS[step]}
    if (level, step) in cells:
        words["influence"] = INFLUENCE_WORDS[level]
        return EXACT, [_("It is meant for %(step)s and lets people %(influence)s.") % words]
    asked = LEVELS.index(level)
    for nearby in (asked + 1, asked - 1):
        if 0 <= nearby < len(LEVELS) and (LEVELS[nearby], step) in cells:
            words["influence"] = INFLUENCE_WORDS[LEVELS[nearby]]
            if nearby > asked:
                text = _(
                    "It is meant for %(step)s and lets people %(influence)s: a little more "
                    "influence than you asked for."
                )
            else:
                text = _(
                    "It is meant for %(step)s and lets people %(influence)s: a little less "
                    "influence than you asked for."
                )
            return NEIGHBOUR, [text % words]
    return None, []


def _exclusions(method, answers):
    """Why an answer rules the method out: empty when none does."""
    reasons = []
    if answers.internet == Internet.NONE and not method.offline:
        reasons.append(_("It needs the internet."))
    if answers.weeks is not None and method.weeks > answers.weeks:
        reasons.append(
            ngettext(
                "It takes at least %(weeks)d week.",
                "It takes at least %(weeks)d weeks.",
                method.weeks,
            )
            % {"weeks": method.weeks}
        )
    if answers.budget is not None and method.cost > answers.budget:
        reasons.append(
            _("It costs more than your budget: its cost is %(cost)s.")
            % {"cost": Cost(method.cost).label}
        )
    if Audience.ELDERLY in answers.audiences and method.elderly == Fit.POOR:
        reasons.append(_("It does not suit elderly people."))
    return reasons


def _fit(method, answers):
    """The points, reasons and cautions from the answers that do not rule a method out."""
    points, reasons, cautions = 0, [], []
    reached = [a for a in answers.audiences if a in method.audiences]
    if reached:
        points += 2 * len(reached)
        labels = get_text_list([str(Audience(a).label) for a in reached], _("and"))
        reasons.append(_("It reaches %(audiences)s well.") % {"audiences": labels})
    if Audience.ELDERLY in answers.audiences:
        if method.elderly == Fit.WELL and Audience.ELDERLY not in reached:
            points += 1
            reasons.append(_("It suits elderly people well."))
        elif method.elderly == Fit.WITH_CARE:
            points -= 1
            cautions.append(
                _(
                    "It suits elderly people only with care: a place close by, large print, "
                    "time to speak and help to get there."
                )
            )
    if answers.people is not None:
        fewest, most = answers.people
        if most is not None and method.group_min > most:
            points -= 2
            cautions.append(_("It needs at least %(count)d people.") % {"count": method.group_min})
        elif method.group_max is not None and method.group_max < fewest:
            points -= 2
            cautions.append(
                _("It works for at most %(count)d people at a time: hold it in several groups.")
                % {"count": method.group_max}
            )
        else:
            points += 1
            reasons.append(_("It works for this number of people."))
    if answers.internet in (Internet.NONE, Internet.SOME):
        if method.offline:
            points += 1
            reasons.append(
                _("It works without internet, on paper too.")
                if method.paper
                else _("It works without internet.")
            )
        else:
            points -= 1
            cautions.append(
                _("Only people with internet can take part: offer the others another way.")
            )
    elif answers.internet == Internet.EVERYONE and method.online:
        points += 1
        reasons.append(_("It can be done online."))
    if answers.facilitator is False:
        if method.facilitation == Facilitation.NONE:
            points += 1
            reasons.append(_("Anyone can run it, without a facilitator."))
        elif method.facilitation == Facilitation.TRAINED:
            points -= 2
            cautions.append(
                _("It needs a trained facilitator: ask the project team or an NGO for one.")
            )
        else:
            cautions.append(_("It needs an organiser who has run one before."))
    if answers.weeks is not None:
        reasons.append(
            ngettext(
                "It can be done in %(weeks)d week.",
                "It can be done in %(weeks)d weeks.",
                method.weeks,
            )
            % {"weeks": method.weeks}
        )
    if answers.budget is not None:
        reasons.append(
            _("Its cost fits your budget: %(cost)s.") % {"cost": Cost(method.cost).label}
        )
    readers = {Audience.ELDERLY, Audience.VILLAGERS} & set(answers.audiences)
    if readers and method.literacy == Literacy.HIGH:
        cautions.append(
            _(
                "Taking part means reading and writing documents: read them out and help "
                "people write their views."
            )
        )
    return points, reasons, cautions
