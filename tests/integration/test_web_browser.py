"""The timeline in a real headless Chromium (Debian's `chromium`): no console messages (script errors and CSP
violations are logged there), a screenshot that is not blank, the agency filter hiding bars, a policy page
showing its window. Skipped when Chromium is missing, unless TRACKER_REQUIRE_BROWSER=1 (as in CI)."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.web_server import seeded, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("TRACKER_REQUIRE_BROWSER") != "1":
    pytestmark = [pytest.mark.slow, pytest.mark.skip(reason="chromium is not installed (apt-get install chromium)")]


def chromium(url: str, tmp_path: Path, *args: str) -> tuple[str, str]:
    """Run headless Chromium on `url`; returns (stdout, console lines). No network beyond loopback is used."""
    assert CHROMIUM, "TRACKER_REQUIRE_BROWSER=1 but chromium is not installed"
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         "--disable-background-networking", "--disable-sync", "--disable-component-update",
         f"--user-data-dir={tmp_path / 'chromium-profile'}", "--enable-logging=stderr", "--v=0",
         "--window-size=1280,900", *args, url],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    return result.stdout, console


def _png_rows(path: Path) -> list[bytes]:
    """The raw (filtered) scanlines of a PNG, enough to tell a blank page from a drawn one."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, bpp = 8, b"", 0, 0, 4
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            bpp = {2: 3, 6: 4, 0: 1, 4: 2}[colour] * depth // 8
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = 1 + width * bpp
    return [raw[i * stride:(i + 1) * stride] for i in range(height)]


def _visible_refs(dom: str) -> set[str]:
    refs = set()
    for attrs in re.findall(r'<tr class="policy[^"]*"([^>]*)>', dom):
        if " hidden" not in attrs:
            refs.add(re.search(r'data-ref="([^"]*)"', attrs).group(1))
    return refs


@pytest.fixture
def report(seeded, run_cli, tmp_path):  # noqa: F811
    out = tmp_path / "timeline.html"
    assert run_cli("report", "--html", str(out)).exit_code == 0
    return out


def test_the_report_renders_without_console_messages_and_is_not_blank(report, tmp_path):
    shot = tmp_path / "shot.png"
    _, console = chromium(report.as_uri(), tmp_path, f"--screenshot={shot}")
    assert console == []
    rows = _png_rows(shot)
    assert len(set(rows)) > 50  # a blank page is one repeated scanline


def test_choosing_an_agency_changes_which_bars_are_shown(report, tmp_path):
    everything, console = chromium(report.as_uri(), tmp_path, "--dump-dom")
    assert console == []
    assert _visible_refs(everything) == {"沪府办规〔2023〕27号", "hostile"}
    agency = quote("上海市住房和城乡建设管理委员会")
    narrowed, console = chromium(report.as_uri() + f"#agency={agency}", tmp_path, "--dump-dom")
    assert console == []
    assert _visible_refs(narrowed) == {"沪府办规〔2023〕27号"}  # the hostile policy has no agency


def test_served_pages_run_under_their_csp_and_a_policy_page_shows_its_window(server, tmp_path):  # noqa: F811
    base = f"http://127.0.0.1:{server.port}"
    dom, console = chromium(base + "/", tmp_path, "--dump-dom")
    assert console == [] and "关于加快发展保障性租赁住房的实施意见" in dom
    dom, console = chromium(base + "/policy/" + quote("沪府办规〔2023〕27号", safe="") + "?lang=en", tmp_path,
                            "--dump-dom")
    assert console == []
    today = date.today()
    window = re.search(r'<p id="window">(.*?)</p>', dom, re.S).group(1)
    assert f"{(today - timedelta(days=400)).isoformat()} – {(today + timedelta(days=30)).isoformat()}" in window
