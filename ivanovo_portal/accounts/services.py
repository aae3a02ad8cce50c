from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from ivanovo_portal.refusals import Refused


@transaction.atomic
def erase_account(user):
    """Delete the account, what is linked to it and its login records; records the project must
    keep block it."""
    username = user.get_username()
    try:
        user.delete()
    except ProtectedError as error:
        raise Refused(
            _(
                "Your account is linked to project records that must be kept. "
                "Please ask the project team to erase it."
            )
        ) from error
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=username).delete()
