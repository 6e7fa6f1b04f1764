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
