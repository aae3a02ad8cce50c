"""The toolkit's operations that change state: methods saved as versions (``methods``), editions
of the book (``editions``), the first load of the methods (``loading``)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = (
    ("method.created", _("Method written")),
    ("method.changed", _("Method changed")),
    ("method.restored", _("Earlier version of the method restored")),
    ("edition.published", _("New edition of the toolkit published")),
    ("edition.presented", _("Presentation at the conference recorded")),
)


def register():
    """Add the labels of the toolkit's audit actions; called from ``ToolkitConfig.ready()``."""
    from ivanovo_portal.audit.registry import actions

    for code, label in ACTIONS:
        actions.register(code, label)
