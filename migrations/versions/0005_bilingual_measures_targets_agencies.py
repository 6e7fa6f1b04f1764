"""bilingual: translated measures, English text of measures and targets, English agency names

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-02 11:40:00
"""

from __future__ import annotations

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0005'
down_revision: Union[str, None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('translated_measure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('policy_id', sa.Integer(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('agencies', sa.Text(), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['policy_id'], ['policy.id'], name=op.f('fk_translated_measure_policy_id_policy'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_translated_measure')),
    sa.UniqueConstraint('policy_id', 'ordinal', name=op.f('uq_translated_measure_policy_id_ordinal'))
    )
    with op.batch_alter_table('measure') as batch:
        batch.add_column(sa.Column('title_en', sa.Text(), nullable=True))
        batch.add_column(sa.Column('text_en', sa.Text(), nullable=True))
        batch.add_column(sa.Column('en_ordinal', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('alignment', sa.String(length=16), nullable=True))
    with op.batch_alter_table('target') as batch:
        batch.add_column(sa.Column('text_en', sa.Text(), nullable=True))
        batch.add_column(sa.Column('metric_en', sa.Text(), nullable=True))
        batch.add_column(sa.Column('unit_en', sa.String(length=80), nullable=True))
    with op.batch_alter_table('agency') as batch:
        batch.add_column(sa.Column('name_en', sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('agency') as batch:
        batch.drop_column('name_en')
    with op.batch_alter_table('target') as batch:
        batch.drop_column('unit_en')
        batch.drop_column('metric_en')
        batch.drop_column('text_en')
    with op.batch_alter_table('measure') as batch:
        batch.drop_column('alignment')
        batch.drop_column('en_ordinal')
        batch.drop_column('text_en')
        batch.drop_column('title_en')
    op.drop_table('translated_measure')
