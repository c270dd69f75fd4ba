"""`plandiff export`: build the tables once, then write each output asked for, each atomically."""

from __future__ import annotations

import json as json_module
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from plandiff.core.problems import PlandiffError

CSV_MARKER = ".plandiff-export"


def run(loaded: Any, *, sqlite: Path | None = None, metadata: Path | None = None,
        csv: Path | None = None, json: Path | None = None,
        force: bool = False) -> Iterator[str]:
    """Write the outputs; yields what was written, for the command to say."""
    from plandiff.render import export_tables

    plan, protect = loaded.plan, loaded.root.path
    tables = export_tables.tables(plan)
    if sqlite is not None:
        from plandiff.repo.export_sqlite import check_target, write_database

        if metadata is not None:  # refuse a bad metadata path before writing anything
            _check_metadata(metadata, force=force, protect=protect)
        check_target(sqlite, force=force, protect=protect)
        write_database(tables, sqlite, force=force, protect=protect)
        yield str(sqlite)
        if metadata is not None:
            from plandiff.repo.writer import write_text_atomic

            described = export_tables.metadata(plan, tables, Path(sqlite).stem)
            write_text_atomic(metadata, json_module.dumps(described, indent=2, ensure_ascii=False)
                              + "\n")
            yield str(metadata)
    if csv is not None:
        from plandiff.render import export_csv
        from plandiff.repo.export_sqlite import refuse_plan_files
        from plandiff.repo.site_folder import write_site

        refuse_plan_files(csv, protect)
        write_site(export_csv.files(plan, tables), csv, force=force, protect=protect,
                   marker=CSV_MARKER, command="plandiff export")
        yield _folder(csv)
    if json is not None:
        from plandiff.render.site import endpoints
        from plandiff.repo.export_sqlite import refuse_plan_files
        from plandiff.repo.site_folder import write_site

        refuse_plan_files(json, protect)
        write_site(endpoints(plan), json, force=force,
                   protect=protect, marker=CSV_MARKER, command="plandiff export")
        yield _folder(json)


def _folder(path: Path) -> str:
    return f"{path}{'' if str(path).endswith('/') else '/'}"


def _check_metadata(path: Path, *, force: bool, protect: Path | None) -> None:
    """metadata.json: never inside the plan repository's own files; an existing file only when
    plandiff wrote it (or with --force)."""
    from plandiff.repo.export_sqlite import refuse_plan_files

    refuse_plan_files(path, protect)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise PlandiffError(f"{path}: exists and is not a file", "choose another path")
    if path.exists() and not force:
        try:
            ours = str(json_module.loads(path.read_text(encoding="utf-8")).get(
                "description", "")).startswith("Exported by plandiff")
        except (OSError, ValueError, AttributeError):
            ours = False
        if not ours:
            raise PlandiffError(f"{path}: exists and is not a metadata file that `plandiff"
                                " export` wrote", "choose a new file name, or pass --force to"
                                " replace it")
