"""The portal's roles. Each is a Django group; apps grant it permissions in data migrations."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROJECT_STAFF = "project_staff", _("Project staff")
    NGO_MONITOR = "ngo_monitor", _("NGO monitor")
    MUNICIPAL_OFFICIAL = "municipal_official", _("Municipal official")
    RESIDENT = "resident", _("Resident")


def grant(apps, grants):
    """Give roles permissions, inside a data migration: ``grants`` maps a role to
    ``"app_label.codename"`` strings. Permissions are created first, as ``migrate`` would later."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in grants.items():
        group, _created = Group.objects.get_or_create(name=role)
        for name in names:
            app_label, codename = name.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
