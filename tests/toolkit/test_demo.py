"""The toolkit's demo: every method of the content loaded as its first version, edition 1
published and presented at the demo's conference, and nothing new the second time."""

from types import SimpleNamespace

import pytest

from ivanovo_portal.meetings import demo as meetings_demo
from ivanovo_portal.meetings.models import Meeting
from toolkit.content import METHODS
from toolkit.demo import seed
from toolkit.models import Edition, Method, MethodVersion

pytestmark = pytest.mark.django_db


def test_the_demo_loads_every_method_publishes_and_presents_edition_one_once(staff):
    accounts = SimpleNamespace(staff=staff)
    meetings_demo.seed(accounts)

    seed.seed(accounts)
    counts = (Method.objects.count(), MethodVersion.objects.count(), Edition.objects.count())
    seed.seed(accounts)

    assert (
        Method.objects.count(),
        MethodVersion.objects.count(),
        Edition.objects.count(),
    ) == counts
    assert set(Method.objects.values_list("slug", flat=True)) == {m["slug"] for m in METHODS}
    assert counts[1] == len(METHODS)
    edition = Edition.objects.get()
    assert edition.number == 1 and edition.versions.count() == len(METHODS)
    assert edition.presented_at.kind == Meeting.Kind.CONFERENCE
    assert edition.published_at < edition.presented_at.starts_at
