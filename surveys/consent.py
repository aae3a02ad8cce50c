"""The versions of a questionnaire's consent text: an edited text is a new version, and each
response records the version its respondent agreed to. The current text is the latest version."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import ConsentText

CHANGED = _(
    "The consent text has changed since you agreed to it. Read it again and tick the box if you "
    "agree."
)


def current_version(questionnaire):
    """The version of the consent text respondents are shown now; None when none is asked."""
    if not questionnaire.consent_text:
        return None
    return questionnaire.consent_versions.order_by("-version").first()


def versions_of(questionnaire):
    """Every version of the questionnaire's consent text, the latest first."""
    return questionnaire.consent_versions.order_by("-version")


@transaction.atomic
def record_version(questionnaire):
    """Make the questionnaire's consent text its latest version unless it is already; to be called
    in the transaction that saves the text (with the questionnaire locked, once it exists)."""
    if not questionnaire.consent_text:
        return None
    latest = questionnaire.consent_versions.order_by("-version").first()
    if latest is not None and latest.text == questionnaire.consent_text:
        return latest
    return ConsentText.objects.create(
        questionnaire=questionnaire,
        version=latest.version + 1 if latest else 1,
        text=questionnaire.consent_text,
    )


def check_agreed(questionnaire, version):
    """Refuse consent to ``version`` when it is no longer the text respondents are shown."""
    current = current_version(questionnaire)
    if current is not None and (version is None or version.pk != current.pk):
        raise ValidationError(CHANGED, code="consent")


def shown_version_id(posted):
    """The id of the consent text version a page was shown with (its hidden field), or None."""
    value = posted.get("consent_version", "")
    return int(value) if value.isdecimal() and len(value) < 12 else None


def version_agreed(questionnaire, pk):
    """The version of the questionnaire's consent text with the id ``pk``, or None."""
    return questionnaire.consent_versions.filter(pk=pk).first() if pk else None
