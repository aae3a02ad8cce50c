from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "ivanovo_portal.places"
    label = "places"
    verbose_name = _("Settlements and stakeholder groups")

    def ready(self):
        from django.db.models import fields

        # The empty choice of every drop-down list (settlements, target groups, question types):
        # "— изберете —" in Bulgarian rather than Django's "- Select an option -". Django asks
        # for it to be set here, in an app's ready().
        fields.BLANK_CHOICE_LABEL = _("— choose —")
