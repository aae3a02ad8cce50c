"""The newsletter: subscribing with double opt-in (``subscriptions``), composing and sending
issues (``issues``, ``sending``), their e-mails (``emails``, ``notices``, ``links``) and the reads
of staff's screens (``selectors``)."""

from django.utils.translation import gettext_lazy as _


def register():
    """What the newsletter registers in ``CampaignConfig.ready()``: the campaign's
    personal-data declarations and the labels of its audit actions."""
    from ivanovo_portal.audit.registry import actions

    from .. import privacy

    privacy.declare()
    for code, label in (
        ("campaign.newsletter_created", _("Newsletter issue written")),
        ("campaign.newsletter_changed", _("Newsletter issue changed")),
        ("campaign.newsletter_sent", _("Newsletter issue sent")),
    ):
        actions.register(code, label)
