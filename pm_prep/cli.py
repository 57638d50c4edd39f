"""The `pm-prep` command: opens the app, or runs one task on the data folder and exits.

Errors are one line on stderr with no traceback: exit 1 for a runtime problem, 2 for usage.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from pm_prep import __version__

if TYPE_CHECKING:
    from pm_prep.domain.bank_format import QuestionFile
    from pm_prep.domain.content import Bank, Question

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A runtime problem to report in one line (exit 1)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"pm-prep: {message} (see pm-prep --help)\n")


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """The full parser; without commands, only the options that open the app."""
    parser = _Parser(
        prog="pm-prep",
        description="Offline practice for product-manager and product-intern interviews. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"pm-prep {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="data folder to use (default: the per-user data folder; "
        "the PM_PREP_DATA_DIR environment variable also sets it)",
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="open the window, wait until the first page is painted, then exit 0",
    )
    if not with_commands:
        return parser
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    stats = commands.add_parser(
        "stats",
        help="readiness overall and per skill, attempts and streak",
        description="Readiness (0-100) overall and per skill for your target track, with "
        "attempts and streak. Readiness follows the model in docs/readiness.md: rated attempts "
        "(3 latest per question, half-life 21 days), coverage, self-assessment and retention.",
    )
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.add_argument("--track", choices=("intern", "pm"), help="track (default: your setting)")
    commands.add_parser("check", help="check the database's integrity (exit 1 on damage)")
    skill_help = (
        "skill id of questions that name none (needed for a .txt list, one question per line)"
    )
    validate = commands.add_parser(
        "validate-bank",
        help="check a question file (TOML, JSON, CSV or .txt) or a rubrics file",
        description="Check a file of questions without importing it: every problem, one a "
        "line, with file, line, question and field. Only each question's skill and prompt "
        "are needed.",
    )
    validate.add_argument("file", type=Path)
    validate.add_argument("--skill", metavar="ID", help=skill_help)
    importer = commands.add_parser(
        "import-bank",
        help="validate and add your own questions (TOML, JSON, CSV or .txt)",
        description="Validate a file of questions and add them to your bank, all or none. "
        "Only each question's skill and prompt are needed; importing the same file again "
        "adds nothing twice.",
    )
    importer.add_argument("file", type=Path)
    importer.add_argument("--skill", metavar="ID", help=skill_help)
    backup = commands.add_parser("backup", help="back up the database now")
    backup.add_argument(
        "-o", "--output", type=Path, help="backup file (default: in the data folder)"
    )
    restore = commands.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("file", type=Path)
    export = commands.add_parser("export", help="export every answer")
    export.add_argument("--format", choices=("md", "csv", "json"), required=True)
    export.add_argument("-o", "--output", type=Path, required=True)
    demo = commands.add_parser("demo", help="fill the data folder with synthetic practice history")
    demo.add_argument("--attempts", type=int, required=True)
    demo.add_argument("--days", type=int, default=90)
    demo.add_argument("--seed", type=int, default=1)
    return parser


def _opens_the_app(argv: Sequence[str]) -> bool:
    """True when the arguments are only app options (so the subcommands need not be built)."""
    expects_value = False
    for arg in argv:
        if expects_value:
            expects_value = False
        elif arg == "--data-dir":
            expects_value = True
        elif not (arg == "--exit-when-ready" or arg.startswith("--data-dir=")):
            return False
    return not expects_value


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    # Opening the app is the common case, and start-up time counts: skip the subcommands.
    opens_the_app = _opens_the_app(arguments)
    if opens_the_app:
        # Start-up allocates a great many objects and frees almost none, so the cyclic
        # collector's passes over them are wasted (about 20 ms measured): it resumes once
        # the dashboard is painted (ui/app.py).
        gc.disable()
    args = build_parser(with_commands=not opens_the_app).parse_args(arguments)
    args.command = getattr(args, "command", None)
    if os.name == "posix":
        os.umask(0o077)  # every file PM Prep creates (WAL, backups, exports) is the user's alone
    from pm_prep.paths import default_data_dir

    data_dir: Path = (args.data_dir or default_data_dir()).expanduser().resolve()
    try:
        if args.command is None:
            from pm_prep.platform_check import display_problem

            problem = display_problem()  # before Qt aborts on missing X libraries
            if problem is not None:
                return _fail(problem)
            from pm_prep.ui.app import run_app

            return run_app(data_dir, exit_when_ready=args.exit_when_ready)
        handler = _HANDLERS[args.command]
        return handler(args, data_dir)
    except CliError as exc:
        return _fail(str(exc))
    except BrokenPipeError:
        return _reader_went_away()
    except KeyboardInterrupt:
        return _fail("interrupted")
    except Exception as exc:  # the environment's fault is told plainly; a bug too, in one line
        from pm_prep.storage.errors import StorageError

        if isinstance(exc, StorageError | OSError):
            return _fail(str(exc))
        return _fail(f"unexpected error: {type(exc).__name__}: {exc}")


def _reader_went_away() -> int:
    """`pm-prep stats --json | head`: the reader closed the pipe; that is not an error."""
    # Point stdout at /dev/null so the interpreter's final flush cannot fail again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 0


def _fail(message: str) -> int:
    print(f"pm-prep: {message}", file=sys.stderr)
    return EXIT_ERROR


def _open(data_dir: Path, *, lock: bool):  # type: ignore[no-untyped-def]
    from pm_prep.services.workspace import open_workspace

    return open_workspace(data_dir, lock=lock)


def _cmd_stats(args: argparse.Namespace, data_dir: Path) -> int:
    from pm_prep.services.stats import summary, summary_json

    ws = _open(data_dir, lock=False)
    try:
        result = summary(ws, track=args.track)
        if args.json:
            print(json.dumps(summary_json(result), indent=2))
            return EXIT_OK
        report = result.report
        track_name = ws.catalog.tracks[report.track].name
        print(
            f"Overall readiness {report.overall.score:.0f}/100 ({report.overall.band}), "
            f"track: {track_name}"
        )
        print(
            f"Rated attempts: {report.attempts}  unrated: {result.unrated}  "
            f"streak: {result.streaks.current} days (longest {result.streaks.longest})"
        )
        for skill_id, skill in ws.catalog.skills.items():
            s = report.skills[skill_id]
            shown = f"{s.readiness:5.1f}" if s.started else "  not started"
            print(f"  {skill.name:<26}{shown}  {s.attempts} attempts, {s.questions_seen} questions")
        return EXIT_OK
    finally:
        ws.close()


def _cmd_check(args: argparse.Namespace, data_dir: Path) -> int:
    from pm_prep.services.workspace import database_path
    from pm_prep.storage.backup import integrity_problems

    path = database_path(data_dir)
    if not path.exists():
        print(f"No database yet in {data_dir}: nothing to check.")
        return EXIT_OK
    problems = integrity_problems(path)
    if problems:
        print(f"pm-prep: {path} is damaged: {problems[0]}", file=sys.stderr)
        return EXIT_ERROR
    print(f"{path}: ok")
    return EXIT_OK


def _cmd_validate_bank(args: argparse.Namespace, data_dir: Path) -> int:
    from pm_prep.domain.bank_format import BankError, Problem, format_of, is_rubrics_file
    from pm_prep.paths import resources_dir
    from pm_prep.services.bank_import import read_question_file
    from pm_prep.services.catalog import default_types, load_catalog, read_bank

    if not args.file.is_file():
        raise CliError(f"{args.file}: no such file")
    fmt = format_of(args.file.suffix)
    if fmt in ("toml", "json"):
        text = args.file.read_text(encoding="utf-8-sig", errors="replace")
        if is_rubrics_file(text, fmt):
            return _validate_rubrics(args.file, text, fmt)
    builtin = load_catalog(cache_dir=data_dir / "cache" if data_dir.is_dir() else None).catalog
    skills, types = set(builtin.skills), default_types(builtin.skills)
    shipped = (resources_dir() / "question_banks").resolve()
    try:
        if args.file.resolve().parent == shipped:
            # A built-in bank is held to the built-in rules (every field, one skill a file).
            bank = read_bank(args.file, skills, types=types, source=str(args.file))
            print(f"{args.file}: valid, {_bank_summary(bank)}")
            return EXIT_OK
        parsed = read_question_file(
            args.file, skills, types, skill=args.skill, source=str(args.file)
        )
    except BankError as exc:
        for problem in exc.problems:
            print(problem)
        return EXIT_ERROR
    # A file's ids must not collide with the built-in ones, or import-bank would refuse it.
    clashes = [
        Problem(
            str(args.file),
            "id is already used by a built-in question",
            q.id,
            "id",
            parsed.lines.get(q.id),
        )
        for q in parsed.questions
        if q.id in builtin.questions
    ]
    for problem in (*clashes, *parsed.warnings):
        print(problem)
    if clashes:
        return EXIT_ERROR
    print(f"{args.file}: valid, {_file_summary(parsed)}")
    return EXIT_OK


def _types_text(questions: list[Question], untyped: set[str]) -> str:
    """`metrics 8, diagnosis 4; 2 without a type use the default`."""
    from collections import Counter

    types = Counter(q.type for q in questions)
    by_type = ", ".join(f"{t} {n}" for t, n in types.most_common())
    defaulted = sum(1 for q in questions if q.id in untyped)
    return by_type + (f"; {defaulted} without a type use the default" if defaulted else "")


def _bank_summary(bank: Bank) -> str:
    """`12 questions for analytical (metrics 8, diagnosis 4; 2 use the default type), ...`."""
    count = len(bank.questions)
    noun = "question" if count == 1 else "questions"
    types = _types_text(list(bank.questions), set(bank.untyped))
    parts = [f"{count} {noun} for {bank.skill} ({types})"]
    with_examples = sum(1 for q in bank.questions if q.examples)
    if with_examples:
        parts.append(f"{with_examples} with example answers")
    if bank.rubrics:
        parts.append("own rubric for " + ", ".join(r.key for r in bank.rubrics))
    return ", ".join(parts)


def _file_summary(parsed: QuestionFile) -> str:
    """Like `_bank_summary`, per skill when the file mixes skills, and ids made for it."""
    from pm_prep.services.bank_import import plural

    untyped = set(parsed.untyped)
    questions = list(parsed.questions)
    if len(parsed.skills) == 1:
        skill = next(iter(parsed.skills))
        parts = [f"{plural(len(questions))} for {skill} ({_types_text(questions, untyped)})"]
    else:
        per_skill = "; ".join(
            f"{skill} {count} ({_types_text([q for q in questions if q.skill == skill], untyped)})"
            for skill, count in parsed.skills.items()
        )
        parts = [f"{plural(len(questions))} for {len(parsed.skills)} skills: {per_skill}"]
    with_examples = sum(1 for q in questions if q.examples)
    if with_examples:
        parts.append(f"{with_examples} with example answers")
    rubric_types = sorted({r.key for r in parsed.rubrics.values()})
    if rubric_types:
        parts.append("own rubric for " + ", ".join(rubric_types))
    if parsed.generated_ids:
        made = len(parsed.generated_ids)
        parts.append(f"{made} without an id get {'one' if made == 1 else 'ids'} made")
    return ", ".join(parts)


def _validate_rubrics(path: Path, text: str, fmt: str) -> int:
    """Check a rubrics file (like resources/rubrics.toml): one rubric for every type."""
    from pm_prep.domain.bank_format import parse_rubrics_text

    rubrics, problems = parse_rubrics_text(text, str(path), fmt=fmt, require_every_type=True)
    for problem in problems:
        print(problem)
    if problems:
        return EXIT_ERROR
    print(f"{path}: valid, rubrics for all {len(rubrics)} question types")
    return EXIT_OK


def _cmd_import_bank(args: argparse.Namespace, data_dir: Path) -> int:
    from pm_prep.domain.bank_format import BankError
    from pm_prep.services.bank_import import import_bank

    ws = _open(data_dir, lock=True)
    try:
        try:
            result = import_bank(ws, args.file, skill=args.skill)
        except BankError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            return EXIT_ERROR
        for warning in result.warnings:
            print(warning, file=sys.stderr)
        print(result.summary())
        return EXIT_OK
    finally:
        ws.close()


def _cmd_backup(args: argparse.Namespace, data_dir: Path) -> int:
    from pm_prep.services.workspace import database_path
    from pm_prep.storage.backup import backup_database, make_backup

    path = database_path(data_dir)
    if not path.exists():
        raise CliError(f"no database in {data_dir} to back up")
    target = (
        backup_database(path, args.output)
        if args.output
        else make_backup(data_dir, path, reason="manual")
    )
    print(f"Backed up to {target}")
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace, data_dir: Path) -> int:
    from pm_prep.paths import ensure_private_dir
    from pm_prep.services.workspace import restore_from
    from pm_prep.storage.lock import DataDirLock

    if not args.file.is_file():
        raise CliError(f"{args.file}: no such file")
    ensure_private_dir(data_dir)
    with DataDirLock(data_dir):
        safety = restore_from(data_dir, args.file.resolve())
    print(f"Restored {args.file}. The previous database was kept as {safety}.")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, data_dir: Path) -> int:
    from pm_prep.services.export import export_answers

    ws = _open(data_dir, lock=False)
    try:
        count = export_answers(ws, args.format, args.output)
    finally:
        ws.close()
    print(f"Exported {count} answers to {args.output}")
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace, data_dir: Path) -> int:
    from pm_prep.services.demo import fill_demo_history

    if args.attempts < 1 or args.days < 1:
        print("pm-prep: --attempts and --days must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    ws = _open(data_dir, lock=True)
    try:
        made = fill_demo_history(ws, attempts=args.attempts, days=args.days, seed=args.seed)
    finally:
        ws.close()
    print(f"Added {made} synthetic attempts over {args.days} days to {data_dir}")
    return EXIT_OK


_HANDLERS = {
    "stats": _cmd_stats,
    "check": _cmd_check,
    "validate-bank": _cmd_validate_bank,
    "import-bank": _cmd_import_bank,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
    "export": _cmd_export,
    "demo": _cmd_demo,
}
