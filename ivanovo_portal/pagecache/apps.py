from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "ivanovo_portal.pagecache"
    label = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from django.core.signals import setting_changed
        from django.db.backends.signals import connection_created

        from . import keys, tables

        # Every connection, in every process: the web, the workers, commands.
        connection_created.connect(tables.watch_connection)
        setting_changed.connect(keys.code_changed)
