"""watched sources entries findings; new and repeal notices

Revision ID: 0007
Revises: 0003
Create Date: 2026-12-02 11:30:38.224075
"""

from __future__ import annotations

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import tracker.store.schema.base


revision: str = '0007'
down_revision: Union[str, None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('every_seconds', sa.Integer(), nullable=False),
    sa.Column('etag', sa.Text(), nullable=True),
    sa.Column('last_modified', sa.Text(), nullable=True),
    sa.Column('added_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('checked_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('check_outcome', sa.String(length=16), nullable=True),
    sa.Column('check_error', sa.Text(), nullable=True),
    sa.Column('last_new_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('next_check_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('feed', 'listing')", name=op.f('ck_source_kind')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_source_agency_id_agency'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source')),
    sa.UniqueConstraint('name', name=op.f('uq_source_name'))
    )
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_next_check_at'), ['next_check_at'], unique=False)

    op.create_table('source_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=2048), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('first_seen_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('tried_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('source_document_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('ingested', 'duplicate', 'skipped', 'failed', 'refused', 'blocked')", name=op.f('ck_source_entry_status')),
    sa.ForeignKeyConstraint(['source_document_id'], ['source_document.id'], name=op.f('fk_source_entry_source_document_id_source_document'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_source_entry_source_id_source'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_entry')),
    sa.UniqueConstraint('url', name=op.f('uq_source_entry_url'))
    )
    with op.batch_alter_table('source_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_entry_source_id'), ['source_id'], unique=False)

    op.create_table('source_finding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('policy_id', sa.Integer(), nullable=False),
    sa.Column('change', sa.String(length=16), nullable=False),
    sa.Column('found_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("change IN ('new', 'extended', 'repealed', 'superseded')", name=op.f('ck_source_finding_change')),
    sa.ForeignKeyConstraint(['entry_id'], ['source_entry.id'], name=op.f('fk_source_finding_entry_id_source_entry'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['policy_id'], ['policy.id'], name=op.f('fk_source_finding_policy_id_policy'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_finding')),
    sa.UniqueConstraint('entry_id', 'policy_id', 'change', name=op.f('uq_source_finding_entry_id_policy_id_change'))
    )
    with op.batch_alter_table('source_finding', schema=None) as batch_op:
        batch_op.create_index('ix_source_finding_found_at', ['found_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_source_finding_policy_id'), ['policy_id'], unique=False)

    # Notices of a new policy and of a repeal or supersession, found by watching sources.
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_notice_kind'), type_='check')
        batch_op.create_check_constraint(
            op.f('ck_notice_kind'), "kind IN ('expiry', 'target', 'check', 'date_change', 'new', 'repeal')")



def downgrade() -> None:
    op.execute("DELETE FROM notice WHERE kind IN ('new', 'repeal')")
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_notice_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_notice_kind'), "kind IN ('expiry', 'target', 'check', 'date_change')")

    with op.batch_alter_table('source_finding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_finding_policy_id'))
        batch_op.drop_index('ix_source_finding_found_at')

    op.drop_table('source_finding')
    with op.batch_alter_table('source_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_entry_source_id'))

    op.drop_table('source_entry')
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_next_check_at'))

    op.drop_table('source')
