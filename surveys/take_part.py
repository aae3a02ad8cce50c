"""The open questionnaires, for the home page's "what you can do now" (registered when the app is
ready)."""

from django.db.models import F
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from ivanovo_portal.take_part import Opening

from .models import Questionnaire


def open_questionnaires():
    """Every questionnaire taking answers now, with whom it asks and until when (one query)."""
    return [
        Opening(
            kind=_("Questionnaire"),
            title=questionnaire.title,
            url=questionnaire.get_absolute_url(),
            action=_("Answer the questionnaire"),
            when=_("Open until %(date)s") % {"date": _day(questionnaire.closes_at)}
            if questionnaire.closes_at
            else _("No closing date set"),
            audience=questionnaire.get_target_group_display(),
            deadline=questionnaire.closes_at,
        )
        for questionnaire in Questionnaire.objects.open().order_by(
            F("closes_at").asc(nulls_last=True), "title"
        )
    ]


def _day(moment):
    return date_format(localtime(moment), "DATE_FORMAT")
