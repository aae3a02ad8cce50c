"""Storage limitation (GDPR Art. 5(1)(e)): what has passed the retention period its app declared
in the personal-data register is erased or anonymised, daily by Celery beat and on demand by
``manage.py apply_retention``. Only counts are recorded, never the data."""

import logging

from django.db import transaction
from django.utils import timezone

from .personal_data import cutoff, declarations

logger = logging.getLogger(__name__)


@transaction.atomic
def apply_retention(*, now=None, dry_run=False):
    """Erase what has passed its declared period; the number of rows, by declaration, that were
    (or, in a dry run, would be) erased."""
    now = now or timezone.now()
    counts = {}
    for key, declaration in declarations.items():
        if declaration.expired is None:
            continue
        expired = declaration.expired(cutoff(declaration, now))
        counts[key] = expired.count() if dry_run else declaration.erase(expired)
    logger.info(
        "Retention %s: %s",
        "dry run" if dry_run else "applied",
        ", ".join(f"{key} {count}" for key, count in counts.items()),
    )
    return counts
