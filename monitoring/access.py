"""Who may do what in a round (DESIGN §4, issue 10 "Who may do what").

Coordinators are project staff: the round's named coordinator and anyone with
``monitoring.coordinate_round``. Monitors work in the rounds they are members of. Officials answer
findings while a round is in its right of reply. The public sees published rounds only.
"""

from .models import Membership, Round


def is_coordinator(user, round_):
    if not user.is_authenticated:
        return False
    if user.has_perm("monitoring.coordinate_round"):
        return True
    return round_.memberships.filter(user=user, role=Membership.Role.COORDINATOR).exists()


def is_member(user, round_):
    """A monitor or the coordinator of the round, or a coordinator of any round."""
    if not user.is_authenticated:
        return False
    return is_coordinator(user, round_) or round_.memberships.filter(user=user).exists()


def may_reply(user, round_):
    return (
        user.is_authenticated
        and user.has_perm("monitoring.reply_finding")
        and round_.status == Round.Status.REPLY
    )


def may_see(user, round_):
    """Whether ``user`` may see the round's scores: anyone once published, members before."""
    return round_.is_public() or is_member(user, round_) or may_reply(user, round_)
