"""Every public page, rendered for an anonymous visitor on the demo, takes at most the number of
database queries it takes today: a change that makes one read per row instead of one per page
fails here instead of quietly slowing the portal. The page cache serves a kept page without the
database (tests/pagecache); these are the renderings, the first visitor's after a change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

# Each page with the most queries it may take today, all of its reads included.
PAGES = {
    "/": 6,
    "/en/": 6,
    "/surveys/": 13,
    "/surveys/grazhdani-i-npo-povtorno/": 5,
    "/surveys/grazhdani-i-npo-2022/results/": 5,
    "/surveys/reports/analiz-grazhdani-i-npo/": 12,
    "/monitoring/": 12,
    "/monitoring/rounds/grazhdansko-nablyudenie-2023/": 2,
    "/monitoring/rounds/grazhdansko-nablyudenie-2023/ivanovo/A3/": 7,
    "/monitoring/frameworks/prozrachnost-i-uchastie/v1/": 6,
    "/monitoring/reports/doklad-ot-grazhdanskoto-nablyudenie-na-obshtina-ivanovo-2023/": 18,
    "/toolkit/": 7,
    "/toolkit/methods/": 29,
    "/toolkit/methods/village-meeting/": 4,
    "/toolkit/methods/public-discussion/": 16,
    "/toolkit/matrix/": 1,
    "/toolkit/finder/": 0,
    "/toolkit/finder/?step=drafting&level=consultation&internet=none&audiences=elderly": 2,
    "/toolkit/plan/?method=public-discussion": 6,
    "/toolkit/used/": 28,
    "/toolkit/used/consultations/piro-2021-2027-aktualizatsiya/": 13,
    "/toolkit/editions/1/": 3,
    "/consultations/": 8,
    "/consultations/piro-2021-2027-aktualizatsiya/": 7,
    "/consultations/coverage/": 9,
    "/events/": 3,
    "/events/obsazhdane-mechka-2027/": 7,
    "/events/obsazhdane-pirgovo-2023/attendance/": 5,
    "/campaign/": 18,
    "/campaign/events/": 1,
    "/campaign/events/konferentsiya-ruse-2023/": 12,
    "/campaign/bulletins/": 2,
    "/campaign/bulletins/pirgovo/": 20,
    "/news/": 6,
    "/news/kakvo-ostava-sled-proekta/": 5,
    "/publications/": 1,
    "/newsletter/": 2,
    "/recommendations/": 5,
    "/indicators/": 21,
    "/accessibility/": 0,
    "/privacy/": 0,
}


@pytest.fixture
def demo(demo_for_module, db, settings):
    """The demo, seeded once for the module; every page rendered, none served as kept."""
    settings.PAGE_CACHE_SECONDS = 0


def queries_of(client, path):
    client.get(path)  # the first request warms what a running portal keeps warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


@pytest.mark.parametrize(("path", "most"), PAGES.items(), ids=list(PAGES))
def test_a_public_page_takes_no_more_queries_than_it_does_today(client, demo, path, most):
    assert queries_of(client, path) <= most
