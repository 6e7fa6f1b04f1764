"""subscribers notices outbox

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 17:23:16.546654
"""

from __future__ import annotations

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import tracker.store.schema.base


revision: str = '0002'
down_revision: Union[str, None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('subscriber',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('language', sa.String(length=8), server_default='zh', nullable=False),
    sa.Column('frequency', sa.String(length=8), server_default='daily', nullable=False),
    sa.Column('timezone', sa.String(length=64), server_default='Asia/Shanghai', nullable=False),
    sa.Column('paused', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('created_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("frequency IN ('daily', 'weekly')", name=op.f('ck_subscriber_frequency')),
    sa.CheckConstraint("language IN ('zh', 'en')", name=op.f('ck_subscriber_language')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscriber')),
    sa.UniqueConstraint('email', name=op.f('uq_subscriber_email'))
    )
    op.create_table('message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subscriber_id', sa.Integer(), nullable=False),
    sa.Column('digest_key', sa.String(length=64), nullable=False),
    sa.Column('recipient', sa.String(length=320), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('body_text', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), server_default='pending', nullable=False),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('next_attempt_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('claimed_by', sa.String(length=200), nullable=True),
    sa.Column('claim_expires_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('smtp_message_id', sa.String(length=320), nullable=True),
    sa.Column('sent_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'sending', 'sent', 'failed')", name=op.f('ck_message_status')),
    sa.ForeignKeyConstraint(['subscriber_id'], ['subscriber.id'], name=op.f('fk_message_subscriber_id_subscriber'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_message')),
    sa.UniqueConstraint('subscriber_id', 'digest_key', name=op.f('uq_message_subscriber_id_digest_key'))
    )
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.create_index('ix_message_status_next_attempt_at', ['status', 'next_attempt_at'], unique=False)

    op.create_table('subscription',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subscriber_id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=8), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('policy_id', sa.Integer(), nullable=True),
    sa.Column('kinds', sa.Text(), server_default='', nullable=False),
    sa.CheckConstraint("scope IN ('all', 'agency', 'policy')", name=op.f('ck_subscription_scope')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_subscription_agency_id_agency'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['policy_id'], ['policy.id'], name=op.f('fk_subscription_policy_id_policy'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subscriber_id'], ['subscriber.id'], name=op.f('fk_subscription_subscriber_id_subscriber'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscription')),
    sa.UniqueConstraint('subscriber_id', 'scope', 'agency_id', 'policy_id', name=op.f('uq_subscription_subscriber_id_scope_agency_id_policy_id'))
    )
    with op.batch_alter_table('subscription', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subscription_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_subscription_policy_id'), ['policy_id'], unique=False)

    op.create_table('notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subscriber_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('item_date', sa.Date(), nullable=False),
    sa.Column('rule', sa.String(length=32), nullable=False),
    sa.Column('fires_on', sa.Date(), nullable=False),
    sa.Column('armed_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('expiry', 'target', 'check', 'date_change')", name=op.f('ck_notice_kind')),
    sa.ForeignKeyConstraint(['message_id'], ['message.id'], name=op.f('fk_notice_message_id_message'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subscriber_id'], ['subscriber.id'], name=op.f('fk_notice_subscriber_id_subscriber'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice')),
    sa.UniqueConstraint('subscriber_id', 'kind', 'item_id', 'item_date', 'rule', name=op.f('uq_notice_subscriber_id_kind_item_id_item_date_rule'))
    )
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index('ix_notice_subscriber_id_message_id', ['subscriber_id', 'message_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_index('ix_notice_subscriber_id_message_id')

    op.drop_table('notice')
    with op.batch_alter_table('subscription', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subscription_policy_id'))
        batch_op.drop_index(batch_op.f('ix_subscription_agency_id'))

    op.drop_table('subscription')
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_index('ix_message_status_next_attempt_at')

    op.drop_table('message')
    op.drop_table('subscriber')
