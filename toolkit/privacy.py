"""What the toolkit keeps about people, for the personal-data register: only the staff who wrote
a method's versions and published the editions of the book."""

from ivanovo_portal.accounts import personal_data

from .models import Edition, Method, MethodVersion


def declare():
    """Register the toolkit's declarations; called from ``ToolkitConfig.ready()``."""
    for key, model, name in (
        ("toolkit_methods_staff", Method, "updated_by"),
        ("toolkit_versions_staff", MethodVersion, "saved_by"),
        ("toolkit_editions_staff", Edition, "published_by"),
    ):
        personal_data.declarations.register(key, personal_data.staff_declaration(model, name))
