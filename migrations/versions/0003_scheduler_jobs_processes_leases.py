"""scheduler jobs, processes (heartbeats) and leases

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 18:08:25.920870
"""

from __future__ import annotations

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import tracker.store.schema.base


revision: str = '0003'
down_revision: Union[str, None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('scheduler_job',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('last_started_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_finished_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_outcome', sa.String(length=16), nullable=True),
    sa.Column('last_did_work', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('last_process', sa.String(length=200), nullable=True),
    sa.Column('next_run_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('runs', sa.Integer(), server_default='0', nullable=False),
    sa.Column('failures', sa.Integer(), server_default='0', nullable=False),
    sa.CheckConstraint("last_outcome IN ('ok', 'idle', 'standby', 'error')", name=op.f('ck_scheduler_job_last_outcome')),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_scheduler_job'))
    )
    op.create_table('scheduler_lease',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('holder', sa.String(length=200), nullable=False),
    sa.Column('acquired_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_scheduler_lease'))
    )
    op.create_table('scheduler_process',
    sa.Column('id', sa.String(length=200), nullable=False),
    sa.Column('host', sa.String(length=200), nullable=False),
    sa.Column('pid', sa.Integer(), nullable=False),
    sa.Column('started_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('beat_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('stopped_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scheduler_process'))
    )


def downgrade() -> None:
    op.drop_table('scheduler_process')
    op.drop_table('scheduler_lease')
    op.drop_table('scheduler_job')
