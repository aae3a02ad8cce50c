"""The portal served by gunicorn on the benchmark database, and a plain HTTP client for it: what
the benchmarks measured through a real server share (``surveys_submit``, ``public_pages``).

The server runs ``bench/_server_settings.py``: the portal's settings with ``DEBUG`` off and a bare
view at ``BARE_PATH`` as the baseline. It is told it stands behind the reverse proxy
(``DJANGO_TRUSTED_PROXIES=1``), so each request may say the address it comes from in
X-Forwarded-For, as respondents behind a proxy do.
"""

import http.client
import itertools
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path

from bench._server_urls import BARE_PATH

HOST = "127.0.0.1"
WORKERS = 4
THREADS = 6
# The benchmarking range (RFC 2544): written in X-Forwarded-For only, never sent anything.
ADDRESS_NUMBERS = itertools.count()


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    """``with Gunicorn() as server:`` the portal on ``server.port`` until the block ends."""

    def __init__(self, workers=WORKERS, **environment):
        self.workers = workers
        self.environment = environment
        self.port = free_port()
        self.log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-gunicorn-{self.port}.log"

    def __enter__(self):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench._server_settings",
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DJANGO_TRUSTED_PROXIES": "1",
            # Rates counted by an earlier run (kept two hours in Redis) do not carry over.
            "CACHE_KEY_PREFIX": f"ivanovo-bench-{uuid.uuid4().hex[:8]}",
            **self.environment,
        }
        root = Path(__file__).resolve().parent.parent
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "ivanovo_portal.wsgi:application",
            f"--bind={HOST}:{self.port}",
            f"--workers={self.workers}",
            "--worker-class=sync",
            "--log-level=warning",
            "--chdir",
            str(root),
        ]
        self.log = open(self.log_path, "w")  # the server's output, closed in __exit__
        self.process = subprocess.Popen(
            command, env=env, cwd=root, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_path.read_text()}")
            try:
                if self.request("GET", BARE_PATH)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"gunicorn did not answer in time:\n{self.log_path.read_text()}")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def request(self, method, path, *, body=None, cookies=None, address=None):
        """One request on a new connection (gunicorn's sync workers close every connection),
        from ``address`` as the reverse proxy would tell it: (status, headers, body)."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        headers = {"Host": HOST, "X-Forwarded-For": address or fresh_address()}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            return response.status, response.headers, payload
        finally:
            connection.close()

    def bare(self, _context=None):
        """The baseline: the bare view's status."""
        return self.request("GET", BARE_PATH)[0]


def fresh_address():
    """An address no request has come from yet (62,500 before they repeat)."""
    number = next(ADDRESS_NUMBERS)
    return f"198.18.{number // 250 % 250}.{number % 250 + 1}"


def keep_cookies(cookies, headers):
    for header in headers.get_all("Set-Cookie") or []:
        jar = SimpleCookie()
        jar.load(header)
        cookies.update({key: morsel.value for key, morsel in jar.items()})


def hammer(seconds, make_request, check, threads=THREADS):
    """Run ``make_request`` from ``threads`` threads for ``seconds``: (requests per second that
    ``check`` accepted, how many it accepted, how many it did not)."""
    stop_at = time.monotonic() + seconds
    done, failures = [0] * threads, [0] * threads

    def loop(index):
        context = make_request.setup() if hasattr(make_request, "setup") else None
        while time.monotonic() < stop_at:
            if check(make_request(context)):
                done[index] += 1
            else:
                failures[index] += 1

    started = time.monotonic()
    workers = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    return sum(done) / elapsed, sum(done), sum(failures)
