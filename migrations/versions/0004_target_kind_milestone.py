"""target kind: quantity targets and milestones (dated obligations without a number)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 11:40:00
"""

from __future__ import annotations

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0004'
down_revision: Union[str, None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('target', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=16), server_default='target', nullable=False))
        batch_op.create_check_constraint(op.f('ck_target_kind'), "kind IN ('target', 'milestone')")


def downgrade() -> None:
    with op.batch_alter_table('target', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_target_kind'), type_='check')
        batch_op.drop_column('kind')
