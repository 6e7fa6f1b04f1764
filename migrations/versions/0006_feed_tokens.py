"""calendar feed tokens (hashed)

Revision ID: 0006
Revises: 0003
Create Date: 2026-12-02 11:40:00
"""

from __future__ import annotations

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import tracker.store.schema.base


revision: str = '0006'
down_revision: Union[str, None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('feed_token',
    sa.Column('subscriber_id', sa.Integer(), nullable=False),
    sa.Column('token_sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['subscriber_id'], ['subscriber.id'], name=op.f('fk_feed_token_subscriber_id_subscriber'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('subscriber_id', name=op.f('pk_feed_token')),
    sa.UniqueConstraint('token_sha256', name=op.f('uq_feed_token_token_sha256'))
    )


def downgrade() -> None:
    op.drop_table('feed_token')
