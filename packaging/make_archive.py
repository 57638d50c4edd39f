"""Pack the one-folder bundle into the release archive: `make dist`.

    python packaging/make_archive.py [dist/pm-prep]

Writes dist/pm-prep-VERSION-linux-ARCH.tar.gz: one folder of the same name, holding the
bundle (the `pm-prep` program and `_internal/`) and README.txt, a copy of
packaging/README-linux.txt. Entries are sorted and owned by root, symbolic links kept.
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def archive_name(version: str) -> str:
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    return f"pm-prep-{version}-linux-{machine}"


def _owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def _add_tree(archive: tarfile.TarFile, folder: Path, prefix: str) -> int:
    count = 0
    for path in sorted(folder.rglob("*")):
        name = f"{prefix}/{path.relative_to(folder).as_posix()}"
        archive.add(path, arcname=name, recursive=False, filter=_owned_by_root)
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python packaging/make_archive.py")
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "dist" / "pm-prep")
    parser.add_argument("--output-dir", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        parser.error("the release archive is made on Linux only (see docs/bundle.md)")
    if not (args.bundle / "pm-prep").is_file():
        parser.error(f"{args.bundle} is not a bundle folder (make bundle)")
    init = (ROOT / "pm_prep" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', init)
    assert match, "no __version__ in pm_prep/__init__.py"
    name = archive_name(match.group(1))
    target = args.output_dir / f"{name}.tar.gz"
    partial = target.with_suffix(".partial")
    readme = ROOT / "packaging" / "README-linux.txt"
    with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
        top = tarfile.TarInfo(name)
        top.type, top.mode = tarfile.DIRTYPE, 0o755
        top.mtime = int(args.bundle.stat().st_mtime)
        archive.addfile(_owned_by_root(top))
        count = _add_tree(archive, args.bundle, name)
        archive.add(readme, arcname=f"{name}/README.txt", filter=_owned_by_root)
    partial.replace(target)
    size = target.stat().st_size / 2**20
    print(f"{target}: {count + 2} entries, {size:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
