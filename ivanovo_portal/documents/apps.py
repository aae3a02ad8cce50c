from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ivanovo_portal.documents"
    label = "documents"
    verbose_name = _("Generated documents")

    def ready(self):
        from . import awaiting  # noqa: F401  (registers the documents that await staff)
