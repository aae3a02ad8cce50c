"""Staff's forms for a consultation and its document. Field names are the services' argument
names, so a refusal from a service lands beside the field it concerns."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ivanovo_portal import uploads
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.meetings.services.content import check_times
from ivanovo_portal.refusals import Refused, show_on_form
from ivanovo_portal.widgets import DateInput, DateTimeInput

from .. import imports
from ..models import Consultation, Section, Version
from ..services.documents import check_period


class ConsultationForm(forms.ModelForm):
    """The consultation's texts, period and settings; its address comes from the title and its
    status changes by the publish button, never here."""

    class Meta:
        model = Consultation
        fields = [
            "title",
            "kind",
            "summary",
            "motives",
            "impact_assessment",
            "opens_on",
            "closes_on",
            "short_period_reason",
            "statement_due_on",
            "allows_anonymous",
            "officials_decide",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "motives": forms.Textarea(attrs={"rows": 6}),
            "impact_assessment": forms.Textarea(attrs={"rows": 6}),
            "short_period_reason": forms.Textarea(attrs={"rows": 3}),
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "statement_due_on": DateInput(),
        }
        help_texts = {
            "closes_on": _("At least 30 days after comments open; 14 at the least, with reasons."),
            "statement_due_on": _("Empty: 30 days after comments close."),
        }

    def clean(self):
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on:
            try:
                check_period(
                    opens_on,
                    closes_on,
                    cleaned.get("short_period_reason", ""),
                    cleaned.get("statement_due_on"),
                )
            except Refused as refusal:
                show_on_form(self, refusal)
        return cleaned


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["number", "heading", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}


class VersionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (Version.Kind.REVISION, Version.Kind.REVISION.label),
            (Version.Kind.ADOPTED, Version.Kind.ADOPTED.label),
        ],
        widget=forms.RadioSelect,
    )
    changelog = forms.CharField(
        label=_("What changed"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown publicly with the version. It starts as a copy of the latest one."),
    )


class ImportForm(forms.Form):
    """Pasted Markdown or a DOCX file, read into sections; ``sections`` is what the service
    takes."""

    text = forms.CharField(
        label=_("Markdown text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Lines starting with # are headings; a paragraph starting with “Чл. 1.” starts an "
            "article."
        ),
    )
    file = forms.FileField(
        label=_("or a DOCX file"),
        required=False,
        help_text=_(
            "Paragraphs in a heading style, and those starting with “Чл. 1.”, start sections."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload is None:
            return None
        return uploads.checked(upload, user=self.user, types=(uploads.DOCX,))

    def clean(self):
        cleaned = super().clean()
        text, file = cleaned.get("text", "").strip(), cleaned.get("file")
        if "file" in self.errors:
            return cleaned
        if bool(text) == bool(file):
            raise ValidationError(_("Paste the text or choose a file, one of the two."))
        try:
            sections = imports.from_docx(file.data) if file else imports.from_markdown(text)
        except Exception as error:  # python-docx fails in many ways on a broken document
            raise ValidationError(
                {"file": _("This document cannot be read. Save it again as DOCX.")}
            ) from error
        return {"sections": sections}


class AnnexForm(uploads.UploadForm):
    types = (uploads.PDF, uploads.DOCX)
    file_help = _("PDF or DOCX, up to %(limit)s.")
    title = forms.CharField(label=_("Title"), max_length=250)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["title", "file"])


class LinkMeetingForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Consultation meeting"),
        queryset=Meeting.objects.filter(
            kind=Meeting.Kind.CONSULTATION, consultation_meeting__isnull=True
        ).select_related("settlement"),
        empty_label=_("— choose a meeting —"),
    )


class NewMeetingForm(forms.ModelForm):
    """A new consultation meeting in a settlement; the rest of it (programme, registration, the
    announcement) is done on its page under /events/."""

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "settlement", "venue", "address", "capacity"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}
        labels = {"address": pgettext_lazy("where", "Address")}
        help_texts = {"starts_at": _("Date and time in Bulgaria (Sofia time).")}

    def clean(self):
        cleaned = super().clean()
        try:
            check_times(cleaned.get("starts_at"), cleaned.get("ends_at"))
        except Refused as refusal:
            show_on_form(self, refusal)
        return cleaned
