"""Writing a package: a deterministic zip, or a plain folder for the ``web`` target.

Same files in, same bytes out: entries sorted, every timestamp 1980-01-01 00:00 (the zip
format's epoch), permissions rw-r--r--, Unix as the creating system, fixed compression.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

__all__ = ["FIXED_TIME", "write_folder", "write_zip", "zip_bytes"]

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_REGULAR_FILE_644 = 0o100644 << 16
_UNIX = 3


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """A zip of ``files`` (``/``-separated relative name → content), the same bytes every time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = _REGULAR_FILE_644
            archive.writestr(info, files[name], compresslevel=6)
    return buffer.getvalue()


def _umask() -> int:
    # mkstemp and mkdtemp create private files; the package should get the usual permissions.
    current = os.umask(0)
    os.umask(current)
    return current


def write_zip(path: Path, files: Mapping[str, bytes]) -> int:
    """Write the zip at ``path`` atomically (no half-written package on failure); its size."""
    data = zip_bytes(files)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(data)


def write_folder(path: Path, files: Mapping[str, bytes]) -> int:
    """Replace the folder ``path`` with exactly ``files``; their total size.

    Built beside it first, then swapped in, so files left over from an older build never
    linger and a failed build leaves the previous folder whole.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    try:
        for name in sorted(files):
            target = staging.joinpath(*name.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[name])
        os.chmod(staging, 0o777 & ~_umask())
        if path.exists():
            shutil.rmtree(path)
        os.replace(staging, path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sum(len(content) for content in files.values())
