"""Attempts and rated attempts per skill, kept by triggers (the dashboard's counts).

Revision ID: 0003_skill_counts
Revises: 0002_mock_search_bank
Create Date: 2026-12-02 01:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_skill_counts"
down_revision = "0002_mock_search_bank"
branch_labels = None
depends_on = None

# Counting a skill's attempts read the whole (skill, time, score) index: 24 ms at 100k
# attempts, half of the dashboard's figures. Kept by the database itself, like
# activity_days, so every way of writing attempts (the app, the CLI, a migrated backup)
# keeps it right.
_ADD = """
    INSERT INTO skill_attempt_counts (skill_id, attempts, rated)
    VALUES (NEW.skill_id, 1, NEW.score IS NOT NULL)
    ON CONFLICT (skill_id) DO UPDATE SET
        attempts = attempts + 1, rated = rated + (NEW.score IS NOT NULL);
"""
_REMOVE = """
    UPDATE skill_attempt_counts
    SET attempts = attempts - 1, rated = rated - (OLD.score IS NOT NULL)
    WHERE skill_id = OLD.skill_id;
"""
COUNT_TRIGGERS = (
    (
        "skill_counts_insert",
        f"CREATE TRIGGER skill_counts_insert AFTER INSERT ON attempts BEGIN {_ADD} END",
    ),
    (
        "skill_counts_delete",
        f"CREATE TRIGGER skill_counts_delete AFTER DELETE ON attempts BEGIN {_REMOVE} END",
    ),
    (
        "skill_counts_update",
        "CREATE TRIGGER skill_counts_update AFTER UPDATE OF score, skill_id ON attempts "
        f"BEGIN {_REMOVE} {_ADD} END",
    ),
)


def upgrade() -> None:
    op.create_table(
        "skill_attempt_counts",
        sa.Column("skill_id", sa.String(length=40), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("rated", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("skill_id", name=op.f("pk_skill_attempt_counts")),
    )
    op.execute(
        "INSERT INTO skill_attempt_counts (skill_id, attempts, rated) "
        "SELECT skill_id, COUNT(*), COUNT(score) FROM attempts GROUP BY skill_id"
    )
    for _name, sql in COUNT_TRIGGERS:
        op.execute(sql)


def downgrade() -> None:
    for name, _sql in COUNT_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("skill_attempt_counts")
