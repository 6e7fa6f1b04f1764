"""chat and webhook channels: channel table, channel-only subscribers, channel messages in the outbox

Revision ID: 0008
Revises: 0003
Create Date: 2026-12-02 12:00:00
"""

from __future__ import annotations

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import tracker.store.schema.base


revision: str = '0008'
down_revision: Union[str, None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('channel',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subscriber_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('paused', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('created_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('wecom', 'dingtalk', 'feishu', 'lark', 'slack', 'msteams', 'json')", name=op.f('ck_channel_kind')),
    sa.ForeignKeyConstraint(['subscriber_id'], ['subscriber.id'], name=op.f('fk_channel_subscriber_id_subscriber'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_channel')),
    sa.UniqueConstraint('subscriber_id', 'url', name=op.f('uq_channel_subscriber_id_url'))
    )
    # On SQLite these two recreate their tables; env.py turns foreign keys off around the migration so that
    # dropping the old table does not cascade to subscriptions, notices and messages.
    with op.batch_alter_table('subscriber', schema=None) as batch_op:
        batch_op.alter_column('email', existing_type=sa.String(length=320), nullable=True)
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('parts_sent', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_message_channel_id_channel'), 'channel', ['channel_id'], ['id'], ondelete='CASCADE')


def downgrade() -> None:
    op.execute("DELETE FROM message WHERE channel_id IS NOT NULL")
    op.execute("DELETE FROM subscriber WHERE email IS NULL")
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_message_channel_id_channel'), type_='foreignkey')
        batch_op.drop_column('parts_sent')
        batch_op.drop_column('channel_id')
    with op.batch_alter_table('subscriber', schema=None) as batch_op:
        batch_op.alter_column('email', existing_type=sa.String(length=320), nullable=False)
    op.drop_table('channel')
