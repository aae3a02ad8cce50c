"""The labels of the actions the audit history records, registered by the app that owns them in
its ``AppConfig.ready()``: ``actions.register("recommendation.approved", _("Approved"))``."""

from ivanovo_portal.registry import Registry

actions = Registry(
    "audit actions",
    hint="Register the action's label in the ready() of the app whose service records it.",
)
