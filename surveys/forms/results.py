"""The results filter: a plain GET form (works without JavaScript) that yields ``ResultFilters``."""

from dataclasses import replace

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.widgets import DateInput

from ..kinds import kind_of
from ..models import Channel, Questionnaire, TargetGroup
from ..results.counting import NO_FILTERS, ResultFilters
from ..results.figures import ordered_questions


def _boxes(label, queryset, none_ticked):
    """A filter of boxes to tick, one per object of ``queryset``; none ticked keeps them all."""
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=none_ticked,
    )


class ResultFilterForm(forms.Form):
    """The filters of one questionnaire's results (its target group is its own, so the
    target-group filter is ``ResultsAcrossForm``'s, which reads several)."""

    # Whether the questions offered for cross-tabulation carry their questionnaire's title.
    name_questionnaires = False

    settlements = _boxes(
        _("Settlements"), Settlement.objects.all(), _("None ticked: all settlements.")
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
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_(
            "Open a question and tick one or more of its answers to see how those respondents "
            "answered the other questions."
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
            Field("answer", template="surveys/results/_answer_filter.html"),
        )
        self.choice_question = {}
        grouped = []
        for question in questions:
            # Options a respondent picked (not a matrix's): "answered X" picks respondents cleanly.
            if not kind_of(question).selectable:
                continue
            options = []
            for choice in question.choices.all():
                self.choice_question[choice.pk] = question
                options.append((choice.pk, choice.label))
            label = f"{question.code}. {question.text}"
            if self.name_questionnaires:
                label = f"{question.section.questionnaire.title}: {label}"
            grouped.append((label, options))
        self.fields["answer"].choices = grouped

    @property
    def answer_groups(self):
        """The "answered" filter's check boxes by question: (question, its boxes, any ticked)."""
        boxes = iter(self["answer"])
        groups = []
        for label, options in self.fields["answer"].choices:
            ticked = [next(boxes) for _option in options]
            groups.append((label, ticked, any(box.data["selected"] for box in ticked)))
        return groups

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


class ResultsAcrossForm(ResultFilterForm):
    """The filters of several questionnaires read together, by target group among them. The
    questionnaires chosen (all that are not drafts when none is ticked, narrowed to the target
    group's) decide which questions the rest of the form offers, hence ``chosen`` and
    ``questions``, read from the raw data before the fields are built."""

    name_questionnaires = True
    questionnaires = _boxes(
        _("Questionnaires"),
        Questionnaire.objects.public(),
        _("None ticked: every questionnaire that is not a draft."),
    )
    target_group = forms.ChoiceField(
        label=_("Target group"),
        choices=[("", _("All target groups")), *TargetGroup.choices],
        required=False,
    )

    def __init__(self, data=None):
        self.chosen = _chosen(data)
        self.questions = ordered_questions(self.chosen)
        super().__init__(data, questions=self.questions)
        self.helper.layout.fields[:0] = ["questionnaires", "target_group"]

    def filters(self):
        group = self.cleaned_data.get("target_group") if self.is_bound and self.is_valid() else ""
        return replace(super().filters(), target_group=group or None)


def _chosen(data):
    """The questionnaires ticked in the raw ``data`` (those of its target group), checked by the
    form's own field: what it refuses (``²``, a number past any id) ticks none, and the form
    shows why."""
    questionnaires = Questionnaire.objects.public().order_by("target_group", "title")
    if data is None:
        return list(questionnaires)
    try:
        ticked = ResultsAcrossForm.base_fields["questionnaires"].clean(
            data.getlist("questionnaires")
        )
    except forms.ValidationError:
        ticked = None
    if ticked:
        questionnaires = questionnaires.filter(pk__in=ticked)
    if data.get("target_group") in TargetGroup.values:
        questionnaires = questionnaires.filter(target_group=data["target_group"])
    return list(questionnaires)


class AreaForm(forms.Form):
    """The public's only choice on the results: the whole municipality or one of its areas
    (``disclosure.areas_of``)."""

    area = forms.ChoiceField(
        label=_("Respondents from"),
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, data=None, *, areas):
        super().__init__(data)
        self.fields["area"].choices = [
            ("", _("The whole municipality")),
            *[(area.slug, area.label) for area in areas],
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Field("area", wrapper_class="mb-3 checkbox-columns"))

    @property
    def slug(self):
        """The chosen area's slug ("" for the whole municipality or a choice not offered)."""
        return self.cleaned_data.get("area", "") if self.is_bound and self.is_valid() else ""
