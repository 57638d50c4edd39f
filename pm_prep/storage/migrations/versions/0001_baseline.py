"""Baseline schema: questions, attempts, ratings, drafts, review cards, settings.

Revision ID: 0001_baseline
Revises:
Create Date: 2026-11-22 02:27:51.770131
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bank_files",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("synced_at", sa.String(length=26), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_bank_files")),
    )
    op.create_table(
        "questions",
        sa.Column("id", sa.String(length=120), nullable=False),
        sa.Column("skill_id", sa.String(length=40), nullable=False),
        sa.Column("difficulty", sa.Integer(), nullable=False),
        sa.Column("tracks", sa.String(length=40), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("content_json", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("first_seen_at", sa.String(length=26), nullable=False),
        sa.Column("updated_at", sa.String(length=26), nullable=False),
        sa.Column("retired_at", sa.String(length=26), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questions")),
    )
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_questions_skill_id"), ["skill_id"], unique=False)

    op.create_table(
        "self_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(length=40), nullable=False),
        sa.Column("taken_at", sa.String(length=26), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("answers_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_self_assessments")),
    )
    with op.batch_alter_table("self_assessments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_self_assessments_skill_taken", ["skill_id", "taken_at"], unique=False
        )

    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=120), nullable=False),
        sa.Column("skill_id", sa.String(length=40), nullable=False),
        sa.Column("started_at", sa.String(length=26), nullable=False),
        sa.Column("submitted_at", sa.String(length=26), nullable=False),
        sa.Column("duration_s", sa.Integer(), nullable=False),
        sa.Column("time_limit_s", sa.Integer(), nullable=False),
        sa.Column("hints_used", sa.Integer(), nullable=False),
        sa.Column("answer_text", sa.Text(), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("rated_at", sa.String(length=26), nullable=True),
        sa.Column("self_note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "score IS NULL OR (score >= 0 AND score <= 100)", name=op.f("ck_attempts_score_range")
        ),
        sa.ForeignKeyConstraint(
            ["question_id"], ["questions.id"], name=op.f("fk_attempts_question_id_questions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attempts")),
    )
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_attempts_question_submitted", ["question_id", "submitted_at", "score"], unique=False
        )
        batch_op.create_index(
            "ix_attempts_skill_submitted", ["skill_id", "submitted_at", "score"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_attempts_submitted_at"), ["submitted_at"], unique=False
        )

    op.create_table(
        "drafts",
        sa.Column("question_id", sa.String(length=120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("started_at", sa.String(length=26), nullable=False),
        sa.Column("updated_at", sa.String(length=26), nullable=False),
        sa.Column("elapsed_s", sa.Integer(), nullable=False),
        sa.Column("hints_used", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"], ["questions.id"], name=op.f("fk_drafts_question_id_questions")
        ),
        sa.PrimaryKeyConstraint("question_id", name=op.f("pk_drafts")),
    )
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_drafts_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "review_cards",
        sa.Column("question_id", sa.String(length=120), nullable=False),
        sa.Column("skill_id", sa.String(length=40), nullable=False),
        sa.Column("state", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("stability", sa.Float(), nullable=True),
        sa.Column("difficulty", sa.Float(), nullable=True),
        sa.Column("due", sa.String(length=26), nullable=False),
        sa.Column("last_review", sa.String(length=26), nullable=True),
        sa.ForeignKeyConstraint(
            ["question_id"], ["questions.id"], name=op.f("fk_review_cards_question_id_questions")
        ),
        sa.PrimaryKeyConstraint("question_id", name=op.f("pk_review_cards")),
    )
    with op.batch_alter_table("review_cards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_cards_due"), ["due"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_cards_skill_id"), ["skill_id"], unique=False)

    op.create_table(
        "criterion_scores",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.String(length=60), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name=op.f("ck_criterion_scores_level_range")),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["attempts.id"],
            name=op.f("fk_criterion_scores_attempt_id_attempts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("attempt_id", "criterion_id", name=op.f("pk_criterion_scores")),
    )
    op.create_table(
        "activity_days",
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_activity_days")),
    )
    # Kept by the database itself, so every way of adding attempts (the app, the CLI,
    # a restore) keeps the activity calendar right without a scan of all attempts.
    op.execute(
        """
        CREATE TRIGGER attempts_activity_insert AFTER INSERT ON attempts BEGIN
            INSERT INTO activity_days (day, attempts)
            VALUES (date(NEW.submitted_at, 'localtime'), 1)
            ON CONFLICT (day) DO UPDATE SET attempts = attempts + 1;
        END
        """
    )
    op.execute(
        """
        CREATE TRIGGER attempts_activity_delete AFTER DELETE ON attempts BEGIN
            UPDATE activity_days SET attempts = attempts - 1
            WHERE day = date(OLD.submitted_at, 'localtime');
            DELETE FROM activity_days WHERE attempts <= 0;
        END
        """
    )

    op.create_table(
        "readiness_snapshots",
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("track", sa.String(length=20), nullable=False),
        sa.Column("skill_id", sa.String(length=40), nullable=False),
        sa.Column("readiness", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("day", "track", "skill_id", name=op.f("pk_readiness_snapshots")),
    )
    # A cached past day is wrong once anything dated on or before it changes: forget it.
    for name, event, when, moment in (
        ("snapshots_attempt_rated", "UPDATE OF score ON attempts", "", "NEW.submitted_at"),
        (
            "snapshots_attempt_added",
            "INSERT ON attempts",
            "WHEN NEW.score IS NOT NULL",
            "NEW.submitted_at",
        ),
        ("snapshots_attempt_removed", "DELETE ON attempts", "", "OLD.submitted_at"),
        ("snapshots_self_assessed", "INSERT ON self_assessments", "", "NEW.taken_at"),
    ):
        op.execute(
            f"""
            CREATE TRIGGER {name} AFTER {event} {when} BEGIN
                DELETE FROM readiness_snapshots WHERE day >= date({moment}, 'localtime');
            END
            """
        )


def downgrade() -> None:
    for name in (
        "snapshots_attempt_rated",
        "snapshots_attempt_added",
        "snapshots_attempt_removed",
        "snapshots_self_assessed",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("readiness_snapshots")
    op.execute("DROP TRIGGER IF EXISTS attempts_activity_delete")
    op.execute("DROP TRIGGER IF EXISTS attempts_activity_insert")
    op.drop_table("activity_days")
    op.drop_table("criterion_scores")
    with op.batch_alter_table("review_cards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_cards_skill_id"))
        batch_op.drop_index(batch_op.f("ix_review_cards_due"))

    op.drop_table("review_cards")
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_drafts_updated_at"))

    op.drop_table("drafts")
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attempts_submitted_at"))
        batch_op.drop_index("ix_attempts_skill_submitted")
        batch_op.drop_index("ix_attempts_question_submitted")

    op.drop_table("attempts")
    op.drop_table("settings")
    with op.batch_alter_table("self_assessments", schema=None) as batch_op:
        batch_op.drop_index("ix_self_assessments_skill_taken")

    op.drop_table("self_assessments")
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_questions_skill_id"))

    op.drop_table("questions")
    op.drop_table("bank_files")
