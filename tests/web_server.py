"""A real `tracker serve` process on a free port for the web tests, spoken to with http.client, and its data."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests import agenda_factories as f

REPO = Path(__file__).resolve().parents[1]
HOSTILE = "<script>alert('x')</script>关于测试的通知"


@pytest.fixture
def seeded(app):
    """Dates relative to the real today: the server reads the clock like a deployed one does."""
    today = date.today()
    with app.uow() as uow:
        s = uow.session
        hz = f.agency(s, "上海市住房和城乡建设管理委员会", "市住房城乡建设管理委")
        p = f.policy(s, ref="沪府办规〔2023〕27号", doc_number="沪府办规〔2023〕27号", title="关于加快发展保障性租赁住房的实施意见",
                     effective_from=today - timedelta(days=400), effective_to=today + timedelta(days=30))
        m = f.measure(s, p, "（一）", hz)
        f.target(s, p, "新增5万套", today + timedelta(days=60), measure=m)
        f.policy(s, ref="hostile", title=HOSTILE, effective_from=today - timedelta(days=10),
                 effective_to=today + timedelta(days=90))
        uow.commit()
    return app


class Server:
    def __init__(self, proc: subprocess.Popen, port: int):
        self.proc, self.port = proc, port

    def request(self, method: str, path: str, headers: dict | None = None, body: bytes | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()

    def get(self, path: str, **headers):
        return self.request("GET", path, {k.replace("_", "-"): v for k, v in headers.items()})


def _start(db_url: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "TRACKER_DATABASE_URL": db_url, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", "serve", *args], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
        text=True,
    )


@pytest.fixture
def server(seeded, db_url):
    proc = _start(db_url, "--port", "0")
    try:
        line = proc.stderr.readline()  # "serving http://127.0.0.1:PORT/ (Ctrl-C to stop)"
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line + proc.stderr.read() if proc.poll() is not None else line
        srv = Server(proc, int(match.group(1)))
        for _ in range(100):  # the socket is bound before the line is printed; wait for the app to answer
            try:
                if srv.get("/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        yield srv
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        proc.stderr.close()
