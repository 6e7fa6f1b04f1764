"""policies measures agencies targets

Revision ID: 0001
Revises:
Create Date: 2026-11-21 17:19:59.815945
"""

from __future__ import annotations

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import tracker.store.schema.base


revision: str = '0001'
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('agency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency')),
    sa.UniqueConstraint('name', name=op.f('uq_agency_name'))
    )
    op.create_table('policy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=200), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('title_en', sa.Text(), nullable=True),
    sa.Column('doc_number', sa.String(length=200), nullable=True),
    sa.Column('issuer', sa.Text(), nullable=True),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('effective_from', sa.Date(), nullable=True),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.Column('window_source', sa.String(length=16), nullable=True),
    sa.Column('window_basis', sa.Text(), nullable=True),
    sa.Column('state', sa.String(length=16), server_default='active', nullable=False),
    sa.Column('pinned', sa.Text(), server_default='', nullable=False),
    sa.Column('created_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state IN ('active', 'repealed', 'superseded')", name=op.f('ck_policy_state')),
    sa.CheckConstraint("window_source IN ('stated', 'inferred', 'extended', 'manual')", name=op.f('ck_policy_window_source')),
    sa.CheckConstraint('effective_to IS NULL OR effective_from IS NULL OR effective_to >= effective_from', name=op.f('ck_policy_window_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy')),
    sa.UniqueConstraint('doc_number', name=op.f('uq_policy_doc_number')),
    sa.UniqueConstraint('ref', name=op.f('uq_policy_ref'))
    )
    with op.batch_alter_table('policy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_policy_effective_to'), ['effective_to'], unique=False)

    op.create_table('source_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('format', sa.String(length=16), nullable=True),
    sa.Column('ingested_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_document')),
    sa.UniqueConstraint('sha256', name=op.f('uq_source_document_sha256'))
    )
    op.create_table('agency_alias',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_agency_alias_agency_id_agency'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency_alias')),
    sa.UniqueConstraint('alias', name=op.f('uq_agency_alias_alias'))
    )
    with op.batch_alter_table('agency_alias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agency_alias_agency_id'), ['agency_id'], unique=False)

    op.create_table('measure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('policy_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('section', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['policy_id'], ['policy.id'], name=op.f('fk_measure_policy_id_policy'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure')),
    sa.UniqueConstraint('policy_id', 'ordinal', name=op.f('uq_measure_policy_id_ordinal'))
    )
    op.create_table('policy_source',
    sa.Column('policy_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['policy_id'], ['policy.id'], name=op.f('fk_policy_source_policy_id_policy'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source_document.id'], name=op.f('fk_policy_source_source_id_source_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('policy_id', 'source_id', name=op.f('pk_policy_source'))
    )
    op.create_table('supersession',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('policy_id', sa.Integer(), nullable=False),
    sa.Column('superseded_id', sa.Integer(), nullable=True),
    sa.Column('superseded_doc_number', sa.String(length=200), nullable=True),
    sa.Column('superseded_title', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['policy_id'], ['policy.id'], name=op.f('fk_supersession_policy_id_policy'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['superseded_id'], ['policy.id'], name=op.f('fk_supersession_superseded_id_policy'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supersession'))
    )
    with op.batch_alter_table('supersession', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supersession_policy_id'), ['policy_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supersession_superseded_id'), ['superseded_id'], unique=False)

    op.create_table('measure_agency',
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), server_default='0', nullable=False),
    sa.CheckConstraint("role IN ('lead', 'responsible', 'supporting')", name=op.f('ck_measure_agency_role')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_measure_agency_agency_id_agency'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['measure_id'], ['measure.id'], name=op.f('fk_measure_agency_measure_id_measure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('measure_id', 'agency_id', name=op.f('pk_measure_agency'))
    )
    with op.batch_alter_table('measure_agency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measure_agency_agency_id'), ['agency_id'], unique=False)

    op.create_table('target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('policy_id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('metric', sa.Text(), nullable=True),
    sa.Column('quantity', sa.Numeric(precision=20, scale=4), nullable=True),
    sa.Column('unit', sa.String(length=40), nullable=True),
    sa.Column('comparator', sa.String(length=16), server_default='exactly', nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('due_source', sa.String(length=16), server_default='stated', nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('next_check_on', sa.Date(), nullable=True),
    sa.Column('pinned', sa.Text(), server_default='', nullable=False),
    sa.CheckConstraint("comparator IN ('at_least', 'at_most', 'about', 'exactly')", name=op.f('ck_target_comparator')),
    sa.CheckConstraint("outcome IN ('met', 'missed')", name=op.f('ck_target_outcome')),
    sa.ForeignKeyConstraint(['measure_id'], ['measure.id'], name=op.f('fk_target_measure_id_measure'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['policy_id'], ['policy.id'], name=op.f('fk_target_policy_id_policy'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target'))
    )
    with op.batch_alter_table('target', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_target_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_target_measure_id'), ['measure_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_target_next_check_on'), ['next_check_on'], unique=False)
        batch_op.create_index('ix_target_outcome_due_on', ['outcome', 'due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_target_policy_id'), ['policy_id'], unique=False)

    op.create_table('history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('policy_id', sa.Integer(), nullable=True),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('changed_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['policy_id'], ['policy.id'], name=op.f('fk_history_policy_id_policy'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_id'], ['target.id'], name=op.f('fk_history_target_id_target'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_history'))
    )
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_history_policy_id'), ['policy_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_history_target_id'), ['target_id'], unique=False)

    op.create_table('target_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=False),
    sa.Column('value', sa.Numeric(precision=20, scale=4), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('checked_by', sa.String(length=200), nullable=True),
    sa.Column('recorded_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('met', 'on_track', 'at_risk', 'missed')", name=op.f('ck_target_check_status')),
    sa.ForeignKeyConstraint(['target_id'], ['target.id'], name=op.f('fk_target_check_target_id_target'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target_check'))
    )
    with op.batch_alter_table('target_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_target_check_target_id'), ['target_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('target_check', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_target_check_target_id'))

    op.drop_table('target_check')
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_history_target_id'))
        batch_op.drop_index(batch_op.f('ix_history_policy_id'))

    op.drop_table('history')
    with op.batch_alter_table('target', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_target_policy_id'))
        batch_op.drop_index('ix_target_outcome_due_on')
        batch_op.drop_index(batch_op.f('ix_target_next_check_on'))
        batch_op.drop_index(batch_op.f('ix_target_measure_id'))
        batch_op.drop_index(batch_op.f('ix_target_due_on'))

    op.drop_table('target')
    with op.batch_alter_table('measure_agency', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measure_agency_agency_id'))

    op.drop_table('measure_agency')
    with op.batch_alter_table('supersession', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supersession_superseded_id'))
        batch_op.drop_index(batch_op.f('ix_supersession_policy_id'))

    op.drop_table('supersession')
    op.drop_table('policy_source')
    op.drop_table('measure')
    with op.batch_alter_table('agency_alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agency_alias_agency_id'))

    op.drop_table('agency_alias')
    op.drop_table('source_document')
    with op.batch_alter_table('policy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_policy_effective_to'))

    op.drop_table('policy')
    op.drop_table('agency')
