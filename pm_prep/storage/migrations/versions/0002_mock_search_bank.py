"""Mock interviews, full-text search of answers, asked clarifications, hidden questions.

Revision ID: 0002_mock_search_bank
Revises: 0001_baseline
Create Date: 2026-12-01 21:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_mock_search_bank"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None

# Kept by triggers so every write path (app, CLI, restore of an older backup that is then
# migrated) keeps search right; `prompt` is copied from the question at insert time.
SEARCH_TRIGGERS = (
    (
        "attempt_search_insert",
        """
        CREATE TRIGGER attempt_search_insert AFTER INSERT ON attempts BEGIN
            INSERT INTO attempt_search (rowid, answer, prompt, note) VALUES (
                NEW.id, NEW.answer_text,
                COALESCE((SELECT prompt FROM questions WHERE id = NEW.question_id), ''),
                NEW.self_note
            );
        END
        """,
    ),
    (
        "attempt_search_update",
        """
        CREATE TRIGGER attempt_search_update AFTER UPDATE OF answer_text, self_note ON attempts
        BEGIN
            UPDATE attempt_search SET answer = NEW.answer_text, note = NEW.self_note
            WHERE rowid = NEW.id;
        END
        """,
    ),
    (
        "attempt_search_delete",
        """
        CREATE TRIGGER attempt_search_delete AFTER DELETE ON attempts BEGIN
            DELETE FROM attempt_search WHERE rowid = OLD.id;
        END
        """,
    ),
    (
        "attempt_search_prompt",
        """
        CREATE TRIGGER attempt_search_prompt AFTER UPDATE OF prompt ON questions BEGIN
            UPDATE attempt_search SET prompt = NEW.prompt
            WHERE rowid IN (SELECT id FROM attempts WHERE question_id = NEW.id);
        END
        """,
    ),
)


# Batch mode rebuilds `attempts` (copy, drop, rename), and dropping a table drops its
# triggers: the 0001 triggers on attempts are created again, exactly as 0001 wrote them
# (a migration is frozen history, so they are repeated here rather than imported).
ATTEMPT_TRIGGERS_0001 = (
    """
    CREATE TRIGGER attempts_activity_insert AFTER INSERT ON attempts BEGIN
        INSERT INTO activity_days (day, attempts)
        VALUES (date(NEW.submitted_at, 'localtime'), 1)
        ON CONFLICT (day) DO UPDATE SET attempts = attempts + 1;
    END
    """,
    """
    CREATE TRIGGER attempts_activity_delete AFTER DELETE ON attempts BEGIN
        UPDATE activity_days SET attempts = attempts - 1
        WHERE day = date(OLD.submitted_at, 'localtime');
        DELETE FROM activity_days WHERE attempts <= 0;
    END
    """,
    """
    CREATE TRIGGER snapshots_attempt_rated AFTER UPDATE OF score ON attempts BEGIN
        DELETE FROM readiness_snapshots WHERE day >= date(NEW.submitted_at, 'localtime');
    END
    """,
    """
    CREATE TRIGGER snapshots_attempt_added AFTER INSERT ON attempts
    WHEN NEW.score IS NOT NULL BEGIN
        DELETE FROM readiness_snapshots WHERE day >= date(NEW.submitted_at, 'localtime');
    END
    """,
    """
    CREATE TRIGGER snapshots_attempt_removed AFTER DELETE ON attempts BEGIN
        DELETE FROM readiness_snapshots WHERE day >= date(OLD.submitted_at, 'localtime');
    END
    """,
)


def _recreate_attempt_triggers() -> None:
    for sql in ATTEMPT_TRIGGERS_0001:
        name = sql.split()[2]
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(sql)


def upgrade() -> None:
    op.create_table(
        "mock_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.String(length=80), nullable=False),
        sa.Column("track", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.String(length=26), nullable=False),
        sa.Column("updated_at", sa.String(length=26), nullable=False),
        sa.Column("ended_at", sa.String(length=26), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("plan_json", sa.Text(), nullable=False),
        sa.Column("current_round", sa.Integer(), nullable=False),
        sa.Column("round_elapsed_s", sa.Integer(), nullable=False),
        sa.Column("loop_elapsed_s", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "state IN ('running', 'ended')", name=op.f("ck_mock_sessions_mock_state")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mock_sessions")),
    )
    op.create_index("ix_mock_sessions_state", "mock_sessions", ["state"], unique=False)
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("clarifications_json", sa.Text(), server_default="[]", nullable=False)
        )
        batch_op.add_column(sa.Column("mock_session_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("mock_round", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_attempts_mock_session_id"), ["mock_session_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_attempts_mock_session_id_mock_sessions"),
            "mock_sessions",
            ["mock_session_id"],
            ["id"],
            ondelete="SET NULL",
        )
    _recreate_attempt_triggers()
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("clarifications_json", sa.Text(), server_default="[]", nullable=False)
        )
    op.create_table(
        "mock_rounds",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("round_index", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("follow_up_text", sa.Text(), nullable=False),
        sa.Column("elapsed_s", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.String(length=26), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'answered', 'timed_out', 'skipped')",
            name=op.f("ck_mock_rounds_mock_round_status"),
        ),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["attempts.id"],
            name=op.f("fk_mock_rounds_attempt_id_attempts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"], ["questions.id"], name=op.f("fk_mock_rounds_question_id_questions")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["mock_sessions.id"],
            name=op.f("fk_mock_rounds_session_id_mock_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "round_index", name=op.f("pk_mock_rounds")),
    )
    op.create_table(
        "hidden_questions",
        sa.Column("question_id", sa.String(length=120), nullable=False),
        sa.Column("hidden_at", sa.String(length=26), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_hidden_questions_question_id_questions"),
        ),
        sa.PrimaryKeyConstraint("question_id", name=op.f("pk_hidden_questions")),
    )
    op.create_table(
        "question_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=120), nullable=False),
        sa.Column("saved_at", sa.String(length=26), nullable=False),
        sa.Column("content_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_question_versions_question_id_questions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_versions")),
    )
    op.create_index(
        "ix_question_versions_question",
        "question_versions",
        ["question_id", "saved_at"],
        unique=False,
    )
    # Porter stems English words (plans/planned/planning meet); prefixes of 2 and 3
    # characters are indexed so results can follow the user's typing.
    op.execute(
        "CREATE VIRTUAL TABLE attempt_search USING fts5("
        "answer, prompt, note, tokenize = 'porter unicode61 remove_diacritics 2', "
        "prefix = '2 3')"
    )
    op.execute(
        """
        INSERT INTO attempt_search (rowid, answer, prompt, note)
        SELECT a.id, a.answer_text, COALESCE(q.prompt, ''), a.self_note
        FROM attempts AS a LEFT JOIN questions AS q ON q.id = a.question_id
        """
    )
    for _name, sql in SEARCH_TRIGGERS:
        op.execute(sql)


def downgrade() -> None:
    for name, _sql in SEARCH_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS attempt_search")
    op.drop_index("ix_question_versions_question", table_name="question_versions")
    op.drop_table("question_versions")
    op.drop_table("hidden_questions")
    op.drop_table("mock_rounds")
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_column("clarifications_json")
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_attempts_mock_session_id_mock_sessions"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_attempts_mock_session_id"))
        batch_op.drop_column("mock_round")
        batch_op.drop_column("mock_session_id")
        batch_op.drop_column("clarifications_json")
    _recreate_attempt_triggers()
    op.drop_index("ix_mock_sessions_state", table_name="mock_sessions")
    op.drop_table("mock_sessions")
