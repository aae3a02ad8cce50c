import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import translation

from ivanovo_portal import celery_app
from ivanovo_portal.accounts.models import User
from ivanovo_portal.accounts.roles import Role


@pytest.fixture(autouse=True)
def tasks_run_in_process(request):
    """Tasks run at once in the test process, except in tests that start a real worker."""
    eager = request.node.get_closest_marker("worker") is None
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Bulgarian: a request to an /en/ page leaves English active in the
    thread, and ``reverse`` in the next test would build English addresses."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield


def make_user(username, role=None, **fields):
    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="correct horse battery staple",
        first_name=fields.pop("first_name", username.capitalize()),
        **fields,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def staff(db):
    return make_user("staff", Role.PROJECT_STAFF)


@pytest.fixture
def monitor(db):
    return make_user("monitor", Role.NGO_MONITOR)


@pytest.fixture
def official(db):
    return make_user("official", Role.MUNICIPAL_OFFICIAL)


@pytest.fixture
def resident(db):
    return make_user("resident", Role.RESIDENT)


@pytest.fixture
def outsider(db):
    """Logged in, but with no role at all."""
    return make_user("outsider")


class Worker:
    """A real Celery worker process (prefork, one child) consuming a queue of its own.

    ``includes`` are modules the worker imports at start, after Django is set up: test-only
    document kinds, for instance. Its output goes to ``log_path``, shown when it fails."""

    def __init__(self, queue, *, log_path, includes=()):
        self.queue = queue
        self.log_path = log_path
        self.nodename = f"{queue}@{socket.gethostname()}"
        env = {
            **os.environ,
            "DATABASE_URL": database_url_of(connection.settings_dict),
            "CELERY_QUEUE": queue,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        }
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "ivanovo_portal",
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--queues",
            queue,
            "--hostname",
            self.nodename,
        ]
        if includes:
            command += ["--include", ",".join(includes)]
        with open(log_path, "w") as log:
            self.process = subprocess.Popen(
                command, env=env, cwd=settings.BASE_DIR, stdout=log, stderr=subprocess.STDOUT
            )
        self._wait_until_ready()

    def _wait_until_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if celery_app.control.ping(destination=[self.nodename], timeout=0.5):
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"Celery worker exited:\n{self.log()}")
        self.stop()
        raise RuntimeError(f"Celery worker did not start in time:\n{self.log()}")

    def log(self):
        return self.log_path.read_text()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def database_url_of(db):
    """The DATABASE_URL that dj-database-url reads back into the PostgreSQL settings ``db``
    (a connection's ``settings_dict``): with the password, and a socket directory or IPv6
    address as host."""
    credentials = quote(db["USER"], safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"]
    # An IPv6 address goes in brackets; a socket directory is one quoted name ("%2Frun%2F...").
    host = f"[{host}]" if ":" in host else quote(host, safe="")
    port = f":{db['PORT']}" if db["PORT"] else ""
    at = "@" if credentials else ""
    return f"postgres://{credentials}{at}{host}{port}/{quote(db['NAME'], safe='')}"


@pytest.fixture
def celery_worker_includes():
    """Modules the worker imports at start; a test package overrides this to add its own."""
    return []


@pytest.fixture
def celery_worker(
    django_db_serialized_rollback, transactional_db, settings, tmp_path, celery_worker_includes
):
    """Start a real worker against Redis and the test database; tasks go to its own queue.

    The test's writes are committed (transactional_db) so the worker sees them; serialized
    rollback restores the migrations' reference data (roles, settlements) that the flush between
    transactional tests would otherwise wipe out."""
    if not settings.REDIS_URL or connection.vendor != "postgresql":
        pytest.fail("the real-worker tests need PostgreSQL and Redis: run them with `make test`")
    settings.MEDIA_ROOT = tmp_path / "media"
    queue = f"test-{uuid.uuid4().hex[:12]}"
    # The router reads the default queue from the configuration at every send (no queue is
    # cached by name), so this reroutes every task sent without an explicit queue.
    previous = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    worker = Worker(queue, log_path=tmp_path / "worker.log", includes=celery_worker_includes)
    yield worker
    worker.stop()
    celery_app.conf.task_default_queue = previous


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
