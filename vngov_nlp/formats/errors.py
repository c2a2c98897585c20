"""The one error type converters raise: it names the file, the record and the problem."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class FormatError(ValueError):
    def __init__(self, path: str | os.PathLike, record: str | int | None, problem: str):
        self.path, self.record, self.problem = str(path), record, problem
        where = f"{path}" + (f", record {record}" if record is not None else "")
        super().__init__(f"{where}: {problem}")


@contextmanager
def atomic_output(path: str | os.PathLike, mode: str = "w") -> Iterator:
    """Write to a temporary file beside `path` and move it into place only on success,
    so a failed conversion never leaves a half-written output behind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
