"""The files kept with a letter, each change one transaction: the signed letter as scanned, and
the municipality's reply. Checked on the way in by ``ivanovo_portal.uploads``; served by a view
that checks who may read them."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.audit.services import changed, created, log_action, tracked
from ivanovo_portal.refusals import Refused

from .models import Attachment, RegistrySubmission


@transaction.atomic
def attach(submission, *, kind, file, user, is_public=False):
    """Keep a file with a letter: the signed letter as scanned (private unless ``is_public``:
    it carries signatures), or the municipality's reply (always public: it is the municipality's
    public answer). ``file`` is an ``ivanovo_portal.uploads.CheckedFile``."""
    letter = RegistrySubmission.objects.select_for_update().get(pk=submission.pk)
    if kind == Attachment.Kind.REPLY:
        if not letter.is_filed:
            raise Refused(
                _("A reply can be attached only to a letter that has been filed."), field="kind"
            )
        is_public = True
    elif letter.status == RegistrySubmission.Status.CANCELLED:
        raise Refused(_("Nothing can be attached to a cancelled letter."), field="kind")
    attachment = Attachment(
        submission=letter,
        kind=kind,
        original_name=file.name,
        content_type=file.content_type,
        size=file.size,
        sha256=file.sha256,
        is_public=is_public,
        uploaded_by=user,
    )
    attachment.file.save(f"upload{file.extension}", ContentFile(file.data), save=False)
    attachment.save()
    log_action(
        attachment,
        "attachment.added",
        user=user,
        changes=created(attachment, ("kind", "original_name", "is_public")),
    )
    return attachment


@transaction.atomic
def set_attachment_public(attachment, *, is_public, user):
    """Publish a signed letter's scan, or take it back: the municipality's reply stays public."""
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if attachment.kind == Attachment.Kind.REPLY and not is_public:
        raise Refused(_("The municipality's reply is a public document."))
    before = tracked(attachment, ["is_public"])
    attachment.is_public = is_public
    attachment.save(update_fields=["is_public"])
    log_action(
        attachment,
        "attachment.published" if is_public else "attachment.withdrawn",
        user=user,
        changes=changed(before, attachment),
    )
    return attachment
