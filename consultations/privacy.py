"""What the comments keep about people, for the personal-data register.

A commenter's e-mail address serves only to confirm the comment and to tell them the moderation's
outcome: it is forgotten as soon as they are told (``emails.send_moderated``), and at the latest
``KEPT_DAYS`` after the moderation; a comment never confirmed is deleted ``KEPT_DAYS`` after it
was sent. The name or organisation published with a comment is kept: the справка of the proposals
(ЗНА чл. 26, ал. 5) is a public record of who proposed what and how the municipality answered,
and the project keeps its records as the programme's rules ask."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.accounts import personal_data
from ivanovo_portal.accounts.personal_data import Declaration, LegalBasis

from .models import Annex, Comment, Consultation, ConsultationReport, MinutesPhoto, Version

KEPT_DAYS = 30
Status = Comment.Status
# Never published: the author taking their data back takes the comment with it.
UNPUBLISHED = (Status.UNCONFIRMED, Status.PENDING)


def _expired(cutoff):
    never_confirmed = Q(status=Status.UNCONFIRMED, created_at__lt=cutoff)
    moderated = Q(moderated_at__lt=cutoff) & ~Q(email="")
    return Comment.objects.filter(never_confirmed | moderated)


def _comments_of(person):
    if not person.email:
        return Comment.objects.none()
    return Comment.objects.filter(email__iexact=person.email)


class CommentersDeclaration(Declaration):
    def erase(self, queryset):
        """Delete the comments not published yet; forget the address of the others, whose
        published name stays with the справка."""
        ids = list(queryset.values_list("pk", flat=True))
        deleted = Comment.objects.filter(pk__in=ids, status__in=UNPUBLISHED).delete()[0]
        return deleted + Comment.objects.filter(pk__in=ids).update(email="")


def declare():
    register = personal_data.declarations.register
    register(
        "consultation_commenters",
        CommentersDeclaration(
            model=Comment,
            fields=("email",),
            data=_("The e-mail address of a person commenting on a consultation"),
            purpose=_(
                "To confirm that the comment comes from its author and tell them whether it was "
                "published"
            ),
            legal_basis=LegalBasis.CONSENT,
            retention=_(
                "Deleted as soon as the author is told of the moderation, at the latest %(days)s "
                "days after it; a comment never confirmed is deleted %(days)s days after it was "
                "sent"
            ),
            retention_days=KEPT_DAYS,
            expired=_expired,
            of=_comments_of,
            context=("consultation", "section", "author_name", "text", "status", "created_at"),
        ),
    )
    register(
        "consultation_comment_authors",
        Declaration(
            model=Comment,
            fields=("author_name",),
            data=_(
                "The name or organisation published with a comment or proposal on a consultation"
            ),
            purpose=_(
                "To show who proposed what and how the municipality answered, in the справка of "
                "the proposals the Law on Normative Acts (art. 26) requires"
            ),
            legal_basis=LegalBasis.LEGAL_OBLIGATION,
            retention=_(
                "Published with the справка as a public record and kept with the project's "
                "records; a comment not moderated yet is deleted when its author asks"
            ),
            erasable=False,
        ),
    )
    register(
        "consultation_comments_staff",
        personal_data.staff_declaration(Comment, "entered_by", "moderated_by", "decided_by"),
    )
    # Who wrote, added or published something: staff on the project's records.
    for key, model, names in (
        ("consultations_staff", Consultation, ("created_by",)),
        ("consultation_versions_staff", Version, ("created_by",)),
        ("consultation_annexes_staff", Annex, ("added_by",)),
        ("consultation_photos_staff", MinutesPhoto, ("added_by",)),
        ("consultation_reports_staff", ConsultationReport, ("created_by",)),
    ):
        register(key, personal_data.staff_declaration(model, *names))
