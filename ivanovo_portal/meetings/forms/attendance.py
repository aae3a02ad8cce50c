"""What staff type at the door and from the signed sheet. Field names are the services' argument
names (``services.attendance``), so a refusal lands beside its field."""

import copy

from django import forms
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import uploads
from ivanovo_portal.places.forms import SettlementField
from ivanovo_portal.places.models import StakeholderGroup

from ..models import CODE_LENGTH
from ..pdf import EMPTY_ROWS
from ..services.attendance import NOT_GIVEN, SheetRow


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Registration code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "inputmode": "text",
                "autocapitalize": "characters",
                "autocomplete": "off",
                "autocorrect": "off",
                "spellcheck": "false",
                "enterkeyhint": "go",
                "size": CODE_LENGTH + 2,
                "class": "form-control-lg font-monospace fs-2 text-uppercase",
            }
        ),
        help_text=_("As written on the confirmation; spaces and dashes do not matter."),
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find a registrant by name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}
        ),
    )


def settlement_field(required=True):
    """Where the person lives, as staff note it; an empty choice is ``NOT_GIVEN``."""
    return SettlementField(
        label=_("Settlement"),
        required=required,
        empty_value=NOT_GIVEN,
        error_messages={"required": _("Choose the settlement, or “outside the municipality”.")},
    )


def group_field(required=True, widget=None):
    return forms.ModelChoiceField(
        label=_("Taking part as"),
        queryset=StakeholderGroup.objects.all(),
        required=required,
        empty_label=None if widget else _("— choose —"),
        **({"widget": widget} if widget else {}),
    )


class WalkInForm(forms.Form):
    """Someone who came without registering: settlement and group required, the name not."""

    settlement = settlement_field()
    group = group_field(widget=forms.RadioSelect)
    name = forms.CharField(
        label=_("Name (if they wish to give it)"), max_length=150, required=False
    )


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is removed"),
        max_length=250,
        help_text=_("For the record, e.g. “checked in under the wrong name”."),
    )


class RegistrantsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, registration):
        return f"{registration.name} · {registration.place} · {registration.group}"


class SheetForm(forms.Form):
    """The signed sheet typed in: the registrants who signed, ticked, and the lines written in by
    others in fields ``name_<n>``, ``settlement_<n>``, ``group_<n>``."""

    signed = RegistrantsField(
        label=_("Registrants who signed"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, registrants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed"].queryset = registrants
        # Every line offers the same lists: read them once, not once per line.
        lists = {
            "settlement": settlement_field(required=False),
            "group": group_field(required=False),
        }
        choices = {name: list(field.choices) for name, field in lists.items()}
        for line in range(EMPTY_ROWS):
            self.fields[f"name_{line}"] = forms.CharField(
                label=_("Name"), max_length=150, required=False
            )
            for name, field in lists.items():
                self.fields[f"{name}_{line}"] = copy.deepcopy(field)
                self.fields[f"{name}_{line}"].choices = choices[name]

    def lines(self):
        """Per written line, its number and its bound fields, for the template."""
        return [
            {
                "number": line + 1,
                **{name: self[f"{name}_{line}"] for name in ("name", "settlement", "group")},
            }
            for line in range(EMPTY_ROWS)
        ]

    def sheet(self):
        """``signed`` and ``rows`` as ``type_in_sheet`` takes them."""
        data = self.cleaned_data
        rows = [
            SheetRow(
                name=data[f"name_{line}"],
                settlement=data[f"settlement_{line}"],
                group=data[f"group_{line}"],
            )
            for line in range(EMPTY_ROWS)
        ]
        return {"signed": list(data["signed"]), "rows": rows}


class SignedSheetForm(uploads.UploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Scan of the signed sheet")
