"""Digests link to the policy's page on `tracker serve` when TRACKER_BASE_URL says where it is."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pytest

from tests.reminder_factories import policy, target


@pytest.fixture
def world(app):
    with app.uow() as uow:
        pol = policy(uow.session, "上海市促进住房政策", doc_number="沪府办规〔2023〕27号", effective_to=date(2025, 12, 31))
        target(uow.session, pol, due_on=date(2025, 12, 31), agency="上海市住房和城乡建设管理委员会")
        uow.commit()
    return app


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_digest_lines_link_to_policy_pages_only_when_a_base_url_is_set(run_cli, world, monkeypatch, fmt):
    assert run_cli("subscribers", "add", "a@example.org", "--language", "en").exit_code == 0
    preview = ("digest", "preview", "a@example.org", "--as-of", "2025-12-20", "--format", fmt)
    plain = run_cli(*preview)
    assert plain.exit_code == 0 and "/policy/" not in plain.stdout
    monkeypatch.setenv("TRACKER_BASE_URL", "https://tracker.example.cn/")
    linked = run_cli(*preview).stdout
    url = "https://tracker.example.cn/policy/" + quote("沪府办规〔2023〕27号", safe="") + "?lang=en"
    assert (f'<a href="{url}">' if fmt == "html" else f"Details: {url}") in linked
