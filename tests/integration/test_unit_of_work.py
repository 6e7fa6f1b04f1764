"""A unit of work rolls back unless committed."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, select

from tracker.store.schema.policies import Agency


def test_leaving_without_commit_rolls_back(app):
    with app.uow() as uow:
        uow.session.add(Agency(name="市经济信息化委"))
        uow.session.flush()
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Agency)) == 0


def test_commit_keeps_the_work(app):
    with app.uow() as uow:
        uow.session.add(Agency(name="市商务委"))
        uow.commit()
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Agency)) == 1


def test_an_exception_inside_rolls_back(app):
    try:
        with app.uow() as uow:
            uow.session.add(Agency(name="市财政局"))
            uow.session.flush()
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Agency)) == 0


def test_timestamps_come_back_aware_in_utc(app):
    from tracker.store.schema.policies import SourceDocument

    when = datetime(2025, 3, 30, 1, 30, tzinfo=timezone.utc)
    with app.uow() as uow:
        uow.session.add(SourceDocument(name="a.txt", sha256="0" * 64, ingested_at=when))
        uow.commit()
    with app.uow() as uow:
        got = uow.session.scalar(select(SourceDocument.ingested_at))
    assert got == when and got.tzinfo is not None


def test_a_transaction_that_reads_then_writes_waits_for_another_writer_instead_of_failing(app):
    """On SQLite a deferred transaction that read, then finds another writer committed in between, is refused
    at once ("database is locked"); a unit of work begins as a write, so the other writer waits its turn."""
    import threading
    import time

    other_done = threading.Event()
    errors: list[Exception] = []

    def other_writer():
        try:
            with app.uow() as uow:
                uow.session.add(Agency(name="市住房城乡建设管理委"))
                uow.commit()
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        other_done.set()

    with app.uow() as uow:
        before = uow.session.scalar(select(func.count()).select_from(Agency))
        thread = threading.Thread(target=other_writer)
        thread.start()
        other_done.wait(0.5)  # on SQLite it waits for us; on PostgreSQL it has committed already
        uow.session.add(Agency(name="市发展改革委"))
        uow.commit()
    thread.join(30)
    assert errors == []
    with app.uow(read_only=True) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Agency)) == before + 2
