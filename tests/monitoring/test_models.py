import pytest
from django.db import IntegrityError

from monitoring.models import Observation


def test_a_cell_has_one_observation(round_, monitor, centre):
    criterion = round_.version.areas.first().criteria.first()
    Observation.objects.create(
        round=round_, criterion=criterion, settlement=centre, monitor=monitor
    )
    with pytest.raises(IntegrityError):
        Observation.objects.create(
            round=round_, criterion=criterion, settlement=centre, monitor=monitor
        )


def test_not_applicable_carries_no_score(round_, monitor, centre):
    criterion = round_.version.areas.first().criteria.first()
    with pytest.raises(IntegrityError):
        Observation.objects.create(
            round=round_,
            criterion=criterion,
            settlement=centre,
            monitor=monitor,
            score=1,
            not_applicable=True,
        )
