"""The first load of the toolkit's methods from ``toolkit.content`` into a portal: each one
missing is saved as its first version; a method that exists is staff's and is left as it is."""

from django.db import transaction

from ..content import METHODS
from ..models import Method
from .methods import save_method

FIRST_NOTE = "Първо издание"
PARTS = ("placements", "steps", "templates")


@transaction.atomic
def load_methods(*, user=None):
    """Save every method of the content that the portal lacks (by its address), in the content's
    order; the methods created. Running it again creates nothing."""
    existing = set(Method.objects.values_list("slug", flat=True))
    created = []
    for position, spec in enumerate(METHODS):
        if spec["slug"] in existing:
            continue
        fields = {name: value for name, value in spec.items() if name not in PARTS}
        created.append(
            save_method(
                None,
                fields=fields,
                placements=spec["placements"],
                steps=spec["steps"],
                templates=spec["templates"],
                user=user,
                note=FIRST_NOTE,
                position=position,
            )
        )
    return created
