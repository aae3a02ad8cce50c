"""The Celery settings that keep a render job from being lost or run twice, and how they relate."""

from ivanovo_portal import celery_app
from ivanovo_portal.documents.models import STALL_MARGIN
from ivanovo_portal.documents.tasks import MAX_BACKOFF, render_document


def test_the_time_limits_end_a_job_before_the_broker_redelivers_it():
    conf = celery_app.conf
    visibility_timeout = conf.broker_transport_options["visibility_timeout"]

    assert 0 < conf.task_soft_time_limit < conf.task_time_limit
    # A retry waiting for its countdown is held unacknowledged, then runs up to the hard limit.
    assert conf.task_time_limit + MAX_BACKOFF < visibility_timeout


def test_a_worker_takes_one_job_at_a_time_and_acknowledges_it_when_done():
    conf = celery_app.conf

    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert render_document.acks_late and render_document.reject_on_worker_lost
    assert render_document.max_retries <= 5


def test_a_job_counts_as_stalled_only_after_its_longest_retry_wait():
    assert STALL_MARGIN.total_seconds() > MAX_BACKOFF
