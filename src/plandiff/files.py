"""Writing files so that an interrupted run leaves the old file whole."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .problems import PlandiffError


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it over `path`."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise PlandiffError(f"{target}: the folder {folder} does not exist",
                            "create it first or choose another path")
    mode = target.stat().st_mode & 0o777 if target.exists() else default_mode()
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=folder)
    except OSError as error:
        raise PlandiffError(f"{target}: cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise PlandiffError(f"{target}: cannot write: {error.strerror or error}") from None
        raise


def default_mode() -> int:
    """The mode a new file gets from open() under the current umask (mkstemp's is 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
