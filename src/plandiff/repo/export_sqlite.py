"""Edge: write tables into one SQLite database (sqlite-utils), built beside the target and moved
into place whole, so a reader never sees half a database and a failure leaves the old one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from plandiff.core.problems import PlandiffError
from plandiff.core.tables import Table
from plandiff.repo.site_folder import refuse_protected

# PRAGMA application_id of a database plandiff wrote ("pldf"): such a file may be replaced.
APPLICATION_ID = 0x706C6466
_HEADER = b"SQLite format 3\x00"
# Full-text search: Unicode words; Latin diacritics folded (Arabic ones are folded in a column).
TOKENIZER = "unicode61 remove_diacritics 2"


def written_by_plandiff(path: Path) -> bool:
    """Whether `path` is an SQLite database that plandiff wrote (by its header's application id)."""
    try:
        with path.open("rb") as stream:
            header = stream.read(100)
    except OSError:
        return False
    return (len(header) == 100 and header.startswith(_HEADER)
            and int.from_bytes(header[68:72], "big") == APPLICATION_ID)


def refuse_plan_files(path: Path, protect: Path | None) -> Path:
    """Never write into git's metadata, over the plan repository, or inside its plans/ or seeds/
    (a file there would be read as part of the plan); returns the path made absolute."""
    target = Path(os.path.abspath(path))
    refuse_protected(path, target, protect)
    if protect is not None:
        root = protect.resolve()
        real = target.parent.resolve() / target.name
        for guarded in (root / "plans", root / "seeds"):
            if guarded in real.parents:
                raise PlandiffError(f"{path}: refusing to write among the plan repository's"
                                    f" files ({guarded.name}/)", "choose a path outside"
                                    f" {guarded.name}/, for instance `export/`")
    return target


def check_target(path: Path, *, force: bool, protect: Path | None) -> Path:
    """The file to write, after refusing what must never be replaced; returns it resolved."""
    target = refuse_plan_files(path, protect)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise PlandiffError(f"{path}: exists and is not a file", "choose another path")
    if path.exists() and not force and not written_by_plandiff(path):
        raise PlandiffError(f"{path}: exists and is not a database that `plandiff export` wrote",
                            "choose a new file name, or pass --force to replace it")
    if not target.parent.is_dir():
        raise PlandiffError(f"{path}: the folder {target.parent} does not exist",
                            "create it first or choose another path")
    return target


def write_database(tables: list[Table], path: Path, *, force: bool = False,
                   protect: Path | None = None) -> None:
    """Write every table (columns, primary and foreign keys, indexes, full-text search) into the
    database `path`, replacing the one there atomically."""
    import sqlite_utils

    target = check_target(path, force=force, protect=protect)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                        dir=target.parent)
    except OSError as error:
        raise PlandiffError(f"{path}: cannot write: {error.strerror or error}") from None
    os.close(handle)
    staging = Path(name)
    try:
        database = sqlite_utils.Database(staging)
        try:
            database.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for table in tables:
                _create(database, table)
            database.conn.commit()
            database.execute("PRAGMA foreign_key_check")
            database.vacuum()
        finally:
            database.close()
        if target.exists():
            os.chmod(staging, os.stat(target).st_mode & 0o777)
        else:
            os.chmod(staging, 0o644)
        os.replace(staging, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            staging.unlink()
        for leftover in (Path(f"{staging}-journal"), Path(f"{staging}-wal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        if isinstance(error, OSError):
            raise PlandiffError(f"{path}: cannot write: {error.strerror or error}") from None
        raise


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create(database: object, table: Table) -> None:
    import sqlite_utils

    assert isinstance(database, sqlite_utils.Database)
    lines = []
    for column in table.columns:
        line = _quote(column.name) + (f" {column.type}" if column.type else "")
        if column.references:
            other, _, key = column.references.partition(".")
            line += f" REFERENCES {_quote(other)}({_quote(key)})"
        lines.append(line)
    lines.append("PRIMARY KEY (" + ", ".join(_quote(k) for k in table.pk) + ")")
    database.execute(f"CREATE TABLE {_quote(table.name)} (\n   " + ",\n   ".join(lines) + "\n)")
    names = [column.name for column in table.columns]
    database[table.name].insert_all(  # type: ignore[union-attr]
        ({name: row.get(name) for name in names} for row in table.rows), batch_size=500)
    for columns in table.indexes:
        database[table.name].create_index(columns)  # type: ignore[union-attr]
    if table.search:
        database[table.name].enable_fts(  # type: ignore[union-attr]
            list(table.search), tokenize=TOKENIZER, create_triggers=False)
