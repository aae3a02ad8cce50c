"""The Council of Europe's Code of Good Practice for Civil Participation in the Decision-Making
Process (2009, revised 2019): its four levels of participation and the six steps of a political
decision, on which the toolkit places every method.

The levels rise with the influence people have on the decision; the steps follow a decision from
the agenda to its reformulation. What the Code asks of the authority at each step, and the tools
it names in each cell of its matrix, are in ``DUTIES`` and ``CODE_TOOLS``.

Checked against (library search): the four levels and six steps against the Council of
Europe's page on the Code (coe.int/en/web/ingo/civil-participation) and the Code's presentation by
its coordinator for the Conference of INGOs; the duties at agenda setting, drafting, decision and
implementation against the 2009 Code's text on public authorities (information sharing,
procedures, resource provision, responsiveness) as reproduced at aalep.eu/node/2523. NOT confirmed,
because no copy of the matrix (CONF/PLE(2009)CODE1) or of the 2019 revision's tables was found: the
duties at monitoring and reformulation, and the tools in all 24 cells of ``CODE_TOOLS``, which are
written from the 2009 matrix as recalled; least certain are the partnership cells at drafting,
implementation and monitoring and the information cells at implementation and reformulation.
Check them against the Code's PDF before an edition of the book is printed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    INFORMATION = "information", _("Information")
    CONSULTATION = "consultation", _("Consultation")
    DIALOGUE = "dialogue", _("Dialogue")
    PARTNERSHIP = "partnership", _("Partnership")


class Step(models.TextChoices):
    AGENDA = "agenda", _("Agenda setting")
    DRAFTING = "drafting", _("Drafting")
    DECISION = "decision", _("Decision")
    IMPLEMENTATION = "implementation", _("Implementation")
    MONITORING = "monitoring", _("Monitoring")
    REFORMULATION = "reformulation", _("Reformulation")


LEVEL_MEANING = {
    Level.INFORMATION: _(
        "The authority gives people accurate, timely information they can use; it flows one "
        "way and asks nothing back."
    ),
    Level.CONSULTATION: _(
        "The authority asks people for their views on a given question or draft and takes "
        "them into account in what it decides."
    ),
    Level.DIALOGUE: _(
        "People and the authority exchange views both ways, in open meetings or joint bodies, "
        "on shared interests and towards shared recommendations."
    ),
    Level.PARTNERSHIP: _(
        "People and the authority share responsibility at a step, up to deciding and carrying "
        "out the decision together."
    ),
}

STEP_MEANING = {
    Step.AGENDA: _(
        "Deciding which problems need a decision at all, often raised by those affected."
    ),
    Step.DRAFTING: _(
        "Writing the draft of the decision, plan, budget or regulation and weighing the options."
    ),
    Step.DECISION: _("The council or the mayor adopts the decision, in the way the law sets out."),
    Step.IMPLEMENTATION: _("Putting the decision into practice: services, works and projects."),
    Step.MONITORING: _(
        "Following whether the decision does what it was meant to do, and for whom."
    ),
    Step.REFORMULATION: _("Using what was learnt to change, renew or replace the decision."),
}

DUTIES = {
    Step.AGENDA: _(
        "Give everyone interested up-to-date, accurate and timely information in an accessible "
        "form, and keep the decision-making process transparent with clear, open procedures "
        "for taking part. Support participation with resources, listen, react and give feedback."
    ),
    Step.DRAFTING: _(
        "Inform in time and in full about consultations under way, and keep to minimum "
        "consultation standards: clear objectives, rules for taking part and timelines, with "
        "open consultation meetings to which all stakeholders are invited. Allow enough time and "
        "answer what the consultation brought."
    ),
    Step.DECISION: _(
        "Inform about the policies being decided, offer and follow procedures for co-decision "
        "where they apply, and listen to, weigh and respond to what civil society puts forward."
    ),
    Step.IMPLEMENTATION: _(
        "Inform about implementation strategies, public tenders and project guidelines, follow "
        "the established rules, and enable civil society to take part in carrying the decision "
        "out, for example through funding or partnerships."
    ),
    Step.MONITORING: _(
        "Inform about how the policy is doing, keep monitoring open to civil society's findings "
        "and evidence, and respond to what they show."
    ),
    Step.REFORMULATION: _(
        "Share the evaluation of the policy, make the process of changing it open and "
        "accessible, and respond to the needs civil society has identified."
    ),
}

_OPEN_ACCESS = _("Easy and open access to information")
_CAMPAIGNING = _("Campaigning and lobbying")
_WEB_PORTAL = _("Web portal")
_RESEARCH = _("Evidence-based research input")
_CONSULTATION_ONLINE = _("Consultation online or by other techniques")
_PETITIONING = _("Petitioning")
_HEARINGS = _("Hearings and question-and-answer sessions")
_EXPERT_SEMINARS = _("Expert seminars")
_ADVISORY_BODIES = _("Multi-stakeholder committees and advisory bodies")
_WORKING_GROUP = _("Working group or committee")
_STRATEGIC_PARTNERSHIP = _("Strategic partnership")

CODE_TOOLS = {
    (Level.INFORMATION, Step.AGENDA): (_OPEN_ACCESS, _RESEARCH, _CAMPAIGNING, _WEB_PORTAL),
    (Level.CONSULTATION, Step.AGENDA): (_PETITIONING, _CONSULTATION_ONLINE),
    (Level.DIALOGUE, Step.AGENDA): (_HEARINGS, _EXPERT_SEMINARS, _ADVISORY_BODIES),
    (Level.PARTNERSHIP, Step.AGENDA): (_WORKING_GROUP,),
    (Level.INFORMATION, Step.DRAFTING): (_OPEN_ACCESS, _RESEARCH, _CAMPAIGNING, _WEB_PORTAL),
    (Level.CONSULTATION, Step.DRAFTING): (
        _HEARINGS,
        _("Citizens' forums and councils for the future"),
        _CONSULTATION_ONLINE,
    ),
    (Level.DIALOGUE, Step.DRAFTING): (_EXPERT_SEMINARS, _ADVISORY_BODIES),
    (Level.PARTNERSHIP, Step.DRAFTING): (_WORKING_GROUP,),
    (Level.INFORMATION, Step.DECISION): (_CAMPAIGNING,),
    (Level.CONSULTATION, Step.DECISION): (_PETITIONING,),
    (Level.DIALOGUE, Step.DECISION): (_("Open plenary or committee sessions"),),
    (Level.PARTNERSHIP, Step.DECISION): (_("Co-decision"),),
    (Level.INFORMATION, Step.IMPLEMENTATION): (_OPEN_ACCESS, _CAMPAIGNING, _WEB_PORTAL),
    (Level.CONSULTATION, Step.IMPLEMENTATION): (_("Events, conferences, forums and seminars"),),
    (Level.DIALOGUE, Step.IMPLEMENTATION): (
        _("Capacity-building seminars"),
        _("Training seminars"),
    ),
    (Level.PARTNERSHIP, Step.IMPLEMENTATION): (_STRATEGIC_PARTNERSHIP,),
    (Level.INFORMATION, Step.MONITORING): (_OPEN_ACCESS, _("Watchdog role"), _RESEARCH),
    (Level.CONSULTATION, Step.MONITORING): (_("Feedback mechanisms"),),
    (Level.DIALOGUE, Step.MONITORING): (_WORKING_GROUP,),
    (Level.PARTNERSHIP, Step.MONITORING): (_STRATEGIC_PARTNERSHIP,),
    (Level.INFORMATION, Step.REFORMULATION): (_OPEN_ACCESS, _RESEARCH),
    (Level.CONSULTATION, Step.REFORMULATION): (_("Conference or forum"),),
    (Level.DIALOGUE, Step.REFORMULATION): (_("Seminars and deliberative forums"),),
    (Level.PARTNERSHIP, Step.REFORMULATION): (_WORKING_GROUP,),
}
