"""One function finds resources/: in a source checkout, an installed wheel, a frozen bundle."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pm_prep.paths import resources_dir
from pm_prep.services.catalog import load_catalog, load_skills_and_tracks

REPO = Path(__file__).resolve().parents[2]
SOURCE_RESOURCES = REPO / "resources"
BANK_FILES = sorted(p.name for p in (SOURCE_RESOURCES / "question_banks").glob("*.toml"))


def run_python(
    code: str, *, pythonpath: Path, cwd: Path, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(pythonpath))
    env.pop("PYTHONHOME", None)
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
        check=False,
    )


# -- source checkout -------------------------------------------------------------------------------
def test_in_a_source_checkout_resources_are_the_repository_folder() -> None:
    assert not (REPO / "pm_prep" / "resources").exists()
    assert resources_dir() == SOURCE_RESOURCES
    assert (resources_dir() / "skills.toml").is_file()
    assert BANK_FILES


def test_no_other_module_works_out_where_resources_are() -> None:
    """One function, not two ways of finding files: only paths.py looks at _MEIPASS."""
    for module in (REPO / "pm_prep").rglob("*.py"):
        if module.name == "paths.py" or "ui" in module.relative_to(REPO / "pm_prep").parts:
            continue
        text = module.read_text(encoding="utf-8")
        assert "_MEIPASS" not in text, module
        if "__file__" in text:  # package code (migrations), never resources/
            assert "resources" not in text.split("__file__")[1].split("\n")[0], module


# -- frozen bundle (PyInstaller) ---------------------------------------------------------------
def test_in_a_frozen_bundle_resources_are_under_meipass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "pm-prep" / "_internal"
    shutil.copytree(SOURCE_RESOURCES, bundle / "resources")
    skills = bundle / "resources" / "skills.toml"
    skills.write_text(
        skills.read_text(encoding="utf-8").replace('name = "Analytical"', 'name = "Bundled"'),
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert resources_dir() == bundle / "resources"
    # Everything that reads resources follows it there.
    assert load_skills_and_tracks()[0]["analytical"].name == "Bundled"
    loaded = load_catalog()
    assert loaded.problems == []
    assert loaded.catalog.skills["analytical"].name == "Bundled"
    assert {b.source for b in loaded.banks} == set(BANK_FILES)


def test_the_pyinstaller_spec_bundles_resources_where_resources_dir_looks() -> None:
    spec = (REPO / "pm_prep.spec").read_text(encoding="utf-8")
    assert '("resources", "resources")' in spec


# -- installed wheel -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)]
    done = subprocess.run(
        [*command, str(REPO)], capture_output=True, text=True, timeout=300, check=False
    )
    if done.returncode != 0:  # fall back to pip, as a packager without `build` would
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "--no-build-isolation",
                "--wheel-dir",
                str(out),
                str(REPO),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = out.glob("pm_prep-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return target


def test_the_wheel_contains_the_resources_and_the_migrations(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        skills = archive.read("pm_prep/resources/skills.toml")
    assert skills == (SOURCE_RESOURCES / "skills.toml").read_bytes()
    for bank in BANK_FILES:
        assert f"pm_prep/resources/question_banks/{bank}" in names
    for extra in ("self_assessment.toml", "mock_templates.toml"):
        assert f"pm_prep/resources/{extra}" in names
    assert "pm_prep/storage/migrations/env.py" in names
    assert any(n.startswith("pm_prep/storage/migrations/versions/0001_") for n in names)
    assert not any(n.startswith(("tests/", "resources/")) for n in names)
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)


def test_an_installed_wheel_finds_its_own_resources_and_opens_a_workspace(
    installed: Path, tmp_path: Path
) -> None:
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "import pm_prep\n"
        "from pm_prep.paths import resources_dir\n"
        "from pm_prep.services.workspace import open_workspace\n"
        f"ws = open_workspace(Path({str(tmp_path / 'data')!r}))\n"
        "try:\n"
        "    result = {'package': pm_prep.__file__, 'resources': str(resources_dir()),\n"
        "              'questions': len(ws.catalog.questions),\n"
        "              'problems': [str(p) for p in ws.bank_problems],\n"
        "              'revision': ws.db.schema_revision()}\n"
        "finally:\n"
        "    ws.close()\n"
        "print(json.dumps(result))\n"
    )
    # Run from an empty folder so the source checkout cannot be imported by accident.
    done = run_python(code, pythonpath=installed, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert Path(result["package"]).parent == installed / "pm_prep"
    assert Path(result["resources"]) == installed / "pm_prep" / "resources"
    assert result["problems"] == []
    assert result["questions"] == len(load_catalog().catalog.questions)
    from pm_prep.storage.database import HEAD_REVISION

    assert result["revision"] == HEAD_REVISION


def test_an_installed_wheel_runs_as_a_command(installed: Path, tmp_path: Path) -> None:
    bank = installed / "pm_prep" / "resources" / "question_banks" / BANK_FILES[0]
    code = (
        "import sys\n"
        "from pm_prep.cli import main\n"
        f"data_dir = {str(tmp_path / 'data')!r}\n"
        f"sys.exit(main(['--data-dir', data_dir, 'validate-bank', {str(bank)!r}]))\n"
    )
    done = run_python(code, pythonpath=installed, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "valid" in done.stdout
