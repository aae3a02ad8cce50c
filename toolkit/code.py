"""The Council of Europe's Code of Good Practice for Civil Participation in the Decision-Making
Process (2009, revised 2019): its four levels of participation and the six steps of a political
decision, on which the toolkit places every method.

The levels rise with the influence people have on the decision; the steps follow a decision from
the agenda to its reformulation. What the Code asks of the authority at each step, and the tools
it names in each cell of its matrix, are in ``DUTIES`` and ``CODE_TOOLS``, checked against the
Council of Europe's published text."""

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
