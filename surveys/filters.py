"""The results filter: a plain GET form (works without JavaScript) that yields ``ResultFilters``."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.places.models import Settlement

from .models import Channel, Question
from .results import NO_FILTERS, ResultFilters

# Questions whose answers are single options, so "answered X" picks respondents cleanly.
CROSS_TAB_KINDS = {
    Question.Kind.SINGLE,
    Question.Kind.MULTIPLE,
    Question.Kind.YES_NO,
    Question.Kind.SCALE,
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class ResultFilterForm(forms.Form):
    """The filters of one questionnaire's results (its target group is its own, so there is no
    target-group filter here: ``ResultFilters.target_group`` serves reads across questionnaires).
    """

    settlements = forms.ModelMultipleChoiceField(
        label=_("Settlements"),
        queryset=Settlement.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all settlements."),
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all channels."),
    )
    date_from = forms.DateField(label=_("Answered from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Answered until"), required=False, widget=DateInput())
    answer = forms.TypedMultipleChoiceField(
        label=_("Only respondents who answered"),
        coerce=int,
        required=False,
        help_text=_(
            "Choose one or more options of one question to see how those respondents answered "
            "the other questions (hold Ctrl to choose several)."
        ),
    )

    def __init__(self, data=None, *, questions):
        super().__init__(data)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field("settlements", wrapper_class="mb-3 checkbox-columns"),
            Field("channels", wrapper_class="mb-3 checkbox-columns"),
            Row(Column("date_from", css_class="col-sm-6"), Column("date_to", css_class="col-sm-6")),
            "answer",
        )
        self.choice_question = {}
        grouped = []
        for question in questions:
            if question.kind not in CROSS_TAB_KINDS:
                continue
            options = []
            for choice in question.choices.all():
                self.choice_question[choice.pk] = question
                options.append((choice.pk, choice.label))
            grouped.append((f"{question.code}. {question.text}", options))
        self.fields["answer"].choices = grouped
        self.fields["answer"].widget.attrs["size"] = 8

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("This date is before the first date."))
        answers = cleaned.get("answer") or []
        if len({self.choice_question[pk].pk for pk in answers}) > 1:
            self.add_error("answer", _("Choose options of one question only."))
        return cleaned

    def filters(self):
        """The ``ResultFilters`` the valid form asks for (no filtering when it is not valid)."""
        if not self.is_bound or not self.is_valid():
            return NO_FILTERS
        data = self.cleaned_data
        answers = data.get("answer") or []
        return ResultFilters(
            settlements=tuple(data["settlements"]),
            channels=tuple(data["channels"]),
            date_from=data["date_from"],
            date_to=data["date_to"],
            answer_question=self.choice_question[answers[0]] if answers else None,
            answer_choices=tuple(answers),
        )
