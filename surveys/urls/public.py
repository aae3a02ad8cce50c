from django.urls import path, register_converter

from surveys.views import entry, public


class QuestionnaireSlug:
    """A questionnaire's slug, but never the first word of another area's addresses: these
    patterns come first in ``surveys.urls``, and ``<slug>/`` would otherwise catch
    ``reports/`` or ``results/`` before the patterns that own them."""

    regex = "[-a-zA-Z0-9_]+"
    reserved = {
        "builder",
        "export",
        "exports",
        "manage",
        "new",
        "progress",
        "questionnaires",
        "reports",
        "results",
        "staff",
    }

    def to_python(self, value):
        if value in self.reserved:
            raise ValueError(value)
        return value

    def to_url(self, value):
        return value


register_converter(QuestionnaireSlug, "questionnaire")

urlpatterns = [
    path("", public.index, name="index"),
    path("<questionnaire:slug>/", public.detail, name="detail"),
    path("<questionnaire:slug>/answer/", public.answer, name="answer"),
    path("<questionnaire:slug>/answer/<int:step>/", public.answer, name="answer"),
    path("<questionnaire:slug>/thanks/", public.thanks, name="thanks"),
    path("<questionnaire:slug>/entry/", entry.entry, name="entry"),
    path("<questionnaire:slug>/entry/forms/", entry.entries, name="entries"),
    path("<questionnaire:slug>/entry/paper-form/", entry.paper_form, name="paper_form"),
    path("<questionnaire:slug>/invitations/", entry.invitations, name="invitations"),
    path(
        "<questionnaire:slug>/invitations/slips/",
        entry.invitation_slips,
        name="invitation_slips",
    ),
]
