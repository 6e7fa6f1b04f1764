"""plan periods beside validity windows, document numbers shared by the policies of one notice, and a partial
index in claim order over the messages still to send

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 17:40:00
"""

from __future__ import annotations

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0010'
down_revision: Union[str, None] = '0009'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TO_SEND = "status IN ('pending', 'sending')"


def upgrade() -> None:
    with op.batch_alter_table('policy', schema=None) as batch_op:
        batch_op.add_column(sa.Column('plan_from', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('plan_to', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('plan_basis', sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f('ix_policy_plan_to'), ['plan_to'], unique=False)
        batch_op.create_check_constraint(op.f('ck_policy_plan_order'),
                                         'plan_to IS NULL OR plan_from IS NULL OR plan_to >= plan_from')
        batch_op.drop_constraint(op.f('uq_policy_doc_number'), type_='unique')
        batch_op.create_index(batch_op.f('ix_policy_doc_number'), ['doc_number'], unique=False)
    op.create_index('ix_message_due', 'message', ['next_attempt_at', 'id'], unique=False,
                    sqlite_where=sa.text(TO_SEND), postgresql_where=sa.text(TO_SEND))


def downgrade() -> None:
    op.drop_index('ix_message_due', table_name='message',
                  sqlite_where=sa.text(TO_SEND), postgresql_where=sa.text(TO_SEND))
    with op.batch_alter_table('policy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_policy_doc_number'))
        batch_op.create_unique_constraint(op.f('uq_policy_doc_number'), ['doc_number'])
        batch_op.drop_constraint(op.f('ck_policy_plan_order'), type_='check')
        batch_op.drop_index(batch_op.f('ix_policy_plan_to'))
        batch_op.drop_column('plan_basis')
        batch_op.drop_column('plan_to')
        batch_op.drop_column('plan_from')
