"""one-click unsubscribe links (a signing key, each message's link) and range targets (between low and high)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 15:10:00
"""

from __future__ import annotations

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import tracker.store.schema.base


revision: str = '0009'
down_revision: Union[str, None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

OLD_COMPARATORS = "comparator IN ('at_least', 'at_most', 'about', 'exactly')"
NEW_COMPARATORS = "comparator IN ('at_least', 'at_most', 'about', 'exactly', 'between')"


def upgrade() -> None:
    op.create_table('site_key',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('secret', sa.String(length=128), nullable=False),
    sa.Column('created_at', tracker.store.schema.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_site_key'))
    )
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unsubscribe_url', sa.Text(), nullable=True))
    with op.batch_alter_table('target', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quantity_high', sa.Numeric(precision=20, scale=4), nullable=True))
        batch_op.drop_constraint(op.f('ck_target_comparator'), type_='check')
        batch_op.create_check_constraint(op.f('ck_target_comparator'), NEW_COMPARATORS)


def downgrade() -> None:
    with op.batch_alter_table('target', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_target_comparator'), type_='check')
        batch_op.create_check_constraint(op.f('ck_target_comparator'), OLD_COMPARATORS)
        batch_op.drop_column('quantity_high')
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_column('unsubscribe_url')
    op.drop_table('site_key')
