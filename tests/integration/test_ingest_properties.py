"""The ingester never crashes: random bytes, random text and truncated real documents either store or fail
cleanly (a report with an error naming the file), and a failed file leaves the database as it was."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import func, select

from tracker.resources import seed_dir
from tracker.store.ingest import ingest_file
from tracker.store.schema.policies import Policy

NOW = datetime(2024, 5, 1, tzinfo=timezone.utc)
SEEDS = sorted((seed_dir() / "sources").glob("*.txt"))
PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _count(app) -> int:
    with app.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(Policy))


def _check(app, path: Path) -> None:
    before = _count(app)
    report = ingest_file(app, path, now=NOW, today=date(2024, 5, 1))
    if report.ok:
        assert report.policies
    else:
        assert report.error.startswith(str(path))
        assert _count(app) == before


@PROPERTY
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".html", ".pdf", ".docx", ".md"]))
def test_random_bytes_never_crash_the_ingester(app, tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"random{suffix}"
    path.write_bytes(data)
    _check(app, path)


@PROPERTY
@given(text=st.text(alphabet=st.sampled_from(list("一二三、（）年月日至有效期自起施行责任单位：市委办0123456789\n .")), max_size=400))
def test_random_policy_like_text_never_crashes_the_ingester(app, tmp_path_factory, text):
    path = tmp_path_factory.mktemp("text") / "random.txt"
    path.write_text(text, encoding="utf-8")
    _check(app, path)


@PROPERTY
@given(seed=st.sampled_from(SEEDS), cut=st.floats(min_value=0.0, max_value=1.0))
def test_truncated_seed_documents_never_crash_the_ingester(app, tmp_path_factory, seed, cut):
    data = seed.read_bytes()
    path = tmp_path_factory.mktemp("cut") / seed.name
    path.write_bytes(data[: int(len(data) * cut)])  # may cut a UTF-8 sequence in half
    _check(app, path)
