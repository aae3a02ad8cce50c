import io
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
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.utils import translation

from ivanovo_portal import celery_app
from ivanovo_portal.accounts.models import User
from ivanovo_portal.accounts.roles import Role
from ivanovo_portal.pagecache import tables as page_tables

# The data migrations that load reference rows: roles and their permissions, settlements, targets.
# A new one goes here too.
REFERENCE_DATA = {
    ("accessibility", "0002_permissions"),
    ("accounts", "0002_roles"),
    ("campaign", "0002_permissions"),
    ("consultations", "0002_permissions"),
    ("documents", "0002_permissions"),
    ("indicators", "0002_targets"),
    ("indicators", "0003_recommendations_filed_target"),
    ("indicators", "0004_campaign_carried_out_target"),
    ("meetings", "0002_permissions"),
    ("monitoring", "0002_role_permissions"),
    ("places", "0002_reference_data"),
    ("recommendations", "0002_roles"),
    ("recommendations", "0004_letters_as_filed"),
    ("surveys", "0002_staff_permissions"),
    ("toolkit", "0002_permissions"),
}


# Before pytest-django's own hook, which puts database tests first by their markers.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """A test with a real worker commits its writes, and the flush after it would take the
    reference rows with it: its own marker asks for them to be restored (pytest-django reads
    ``serialized_rollback`` from the closest ``django_db`` marker, so a module's plain one would
    otherwise win over the ``celery_worker`` fixture's request, and a run of such tests alone
    would find no roles from the second one on). A test reading the demo seeded for its module
    is a database test too, so that the test database is set up when such tests run alone."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "celery_worker" in fixtures:
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
        elif "demo_for_module" in fixtures:
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database with its reference rows, even when reused (``--reuse-db``, the default).

    A transactional test ends by emptying every table, so the last one of a run leaves a database
    whose migrations are recorded but whose reference rows are gone, and the next run reusing it
    would find no role. Running those data migrations' code again mends it; the copy that
    serialized rollback restores, just taken of the empty tables, is taken again."""
    with django_db_blocker.unblock():
        if not Group.objects.exists():
            reload_reference_data()
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield


def reload_reference_data():
    """Run the code of the REFERENCE_DATA migrations again, in order, each on the models of its
    time, as ``migrate`` ran it."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)
    with connection.schema_editor() as schema_editor:
        for migration, _backwards in plan:
            key = (migration.app_label, migration.name)
            if key in REFERENCE_DATA:
                apps = executor.loader.project_state(key, at_end=False).apps
                for operation in migration.operations:
                    operation.code(apps, schema_editor)


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


@pytest.fixture(scope="module")
def demo_for_module(django_db_setup, django_db_blocker):
    """The demo seeded once for a test module, in a transaction rolled back after its last test.
    Each test's own transaction (``db``) is a savepoint inside it, so what one test changes is
    undone before the next. Request it through a function fixture that also takes ``db``, and
    only in modules whose tests all want the demo and none commits (no real worker)."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        with (
            django_db_blocker.unblock(),
            override_settings(
                DEBUG=True, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
            ),
            translation.override(settings.LANGUAGE_CODE),
            transaction.atomic(),
        ):
            call_command("seed_demo", stdout=io.StringIO())
            yield
            transaction.set_rollback(True)
    finally:
        celery_app.conf.task_always_eager = eager


@pytest.fixture
def english():
    """Pages and messages in English, so that tests read the strings as the code writes them."""
    with translation.override("en"):
        yield


class PageCacheInTests:
    """A test's transaction never commits: the page cache sees its writes at once, so that a page
    read after a change in the same test shows it, as it does for a visitor after a commit. Only
    once something was made from versions since the cache was emptied (a kept page, a kept
    questionnaire structure) can a new one matter: the demo's thousands of writes before that
    give none."""

    made_anything = False
    made_from = staticmethod(page_tables.made_from)

    @classmethod
    def note_made(cls, before, read):
        cls.made_anything = True
        return cls.made_from(before, read)

    @classmethod
    def bump_at_once(cls, alias, written):
        if cls.made_anything:
            page_tables.bump(written)


page_tables.after_write = PageCacheInTests.bump_at_once
page_tables.made_from = PageCacheInTests.note_made


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()
    PageCacheInTests.made_anything = False
    yield
    # What a module's fixture seeds before the next test needs no bumps: that test empties the
    # cache first.
    PageCacheInTests.made_anything = False


def run_python(*arguments, **environment):
    """Run Python from the project's folder in a process of its own, with the environment
    ``os.environ`` updated by ``environment``: the finished process, its output as text."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=settings.BASE_DIR,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
    )


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
            # A process group of its own: a test kills the whole worker, pool and all, with it.
            self.process = subprocess.Popen(
                command,
                env=env,
                cwd=settings.BASE_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
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


@pytest.fixture(autouse=True)
def force_login_passes_the_second_factor(monkeypatch):
    """``client.force_login`` stands for a whole login: for someone who owes the second factor, the
    session it writes also records a code given (with a recovery device made for it, once per user
    and test). Tests of the second factor itself log in through the pages."""
    from django.contrib.auth.signals import user_logged_in
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    from ivanovo_portal.accounts import second_factor

    force_login = Client.force_login
    devices = {}
    forcing = []

    def device_of(user):
        if user.pk not in devices:
            required = second_factor.required(user)
            devices[user.pk] = (
                required
                and StaticDevice.objects.get_or_create(
                    user=user, name="forced in tests", defaults={"confirmed": True}
                )[0]
            )
        return devices[user.pk]

    def force_whole_login(client, user, backend=None):
        forcing.append(device_of(user))
        try:
            force_login(client, user, backend)
        finally:
            forcing.clear()

    def record_the_code(sender, request, user, **kwargs):
        if forcing and forcing[0]:
            request.session[DEVICE_ID_SESSION_KEY] = forcing[0].persistent_id

    user_logged_in.connect(record_the_code, dispatch_uid="tests_force_login")
    monkeypatch.setattr(Client, "force_login", force_whole_login)
    yield
    user_logged_in.disconnect(dispatch_uid="tests_force_login")
