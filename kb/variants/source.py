"""Bytes in, decompressed chunks out: plain, gzip / bgzip or zip, from a path or from memory.

Nothing is written to disk. Limits refuse decompression bombs and non-text files with a clear message.
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

# Intel ISA-L inflates gzip about twice as fast as zlib (isal is pinned in requirements.txt).
from isal import igzip as gzip_backend
from isal import isal_zlib as zlib_backend

from kb.errors import InputError

__all__ = ["CHUNK_SIZE", "MAX_EXPANSION", "MAX_TEXT_BYTES", "ByteSource", "Progress", "ProgressRelay"]

CHUNK_SIZE = 4 * 1024 * 1024
# A variant file is text that compresses well, but not by more than this; a bomb does.
MAX_EXPANSION = 200
MAX_TEXT_BYTES = 64 * 1024**3
Progress = Callable[[float], None]


class ProgressRelay:
    """A progress callback that any thread may call, but that draws only in the thread that made it.

    A reader inflates in a worker thread while the calling thread scans; the app's progress bar, like every
    Streamlit element, can only be drawn from the script's own thread. A call from another thread records
    the fraction; the owner draws the latest one with `flush` as it consumes the data.
    """

    def __init__(self, draw: Progress | None) -> None:
        self._draw = draw
        self._owner = threading.get_ident()
        self._pending: float | None = None

    def __call__(self, fraction: float) -> None:
        self._pending = fraction
        if threading.get_ident() == self._owner:
            self.flush()

    def flush(self) -> None:
        """Draw the latest fraction recorded since the last draw, if any; call it from the owning thread."""
        # A fraction recorded between these two reads is drawn by the next flush (or overtaken by a later one).
        fraction, self._pending = self._pending, None
        if fraction is not None and self._draw is not None:
            self._draw(fraction)


_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"BAM\x01": "a BAM alignment file",
    b"CRAM": "a CRAM alignment file",
    b"\x7fELF": "a program",
    b"PK\x05\x06": "an empty zip archive",
}


def _describe_binary(head: bytes) -> str | None:
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            return what
    return None


@dataclass
class ByteSource:
    """A named input whose decompressed bytes can be read in chunks."""

    name: str
    _opener: Callable[[], io.BufferedIOBase]
    size: int

    @classmethod
    def from_path(cls, path: str | Path) -> ByteSource:
        """An input read from a file on disk."""
        path = Path(path)
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        return cls(name=path.name, _opener=lambda: path.open("rb"), size=path.stat().st_size)

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "upload") -> ByteSource:
        """An input held in memory (an upload)."""
        return cls(name=name, _opener=lambda: io.BytesIO(data), size=len(data))

    def head(self, size: int = 65536) -> bytes:
        """The first `size` decompressed bytes."""
        out = bytearray()
        for chunk in self.chunks(chunk_size=size):
            out += chunk
            if len(out) >= size:
                break
        return bytes(out[:size])

    def chunks(self, chunk_size: int = CHUNK_SIZE, progress: Progress | None = None) -> Iterator[bytes]:
        """Decompressed content in chunks of about `chunk_size` bytes."""
        with self._opener() as stream:
            start = stream.read(4)
            stream.seek(0)
            if not start:
                raise InputError(f"{self.name}: the file is empty")
            if start.startswith(b"\x1f\x8b"):
                yield from self._gunzip(stream, chunk_size, progress)
            elif start.startswith(b"PK\x03\x04"):
                yield from self._unzip(stream, chunk_size, progress)
            else:
                what = _describe_binary(start)
                if what:
                    raise InputError(f"{self.name}: this is {what}, not a variant file (VCF or raw data)")
                read = 0
                while chunk := stream.read(chunk_size):
                    read += len(chunk)
                    if progress:
                        progress(read / max(self.size, 1))
                    yield chunk

    def _gunzip(self, stream, chunk_size: int, progress: Progress | None) -> Iterator[bytes]:
        # Handles bgzip too: its blocks are gzip members back to back.
        produced = 0
        limit = max(64 * 1024**2, MAX_EXPANSION * self.size)
        try:
            with gzip_backend.GzipFile(fileobj=stream, mode="rb") as inflated:
                while chunk := inflated.read(chunk_size):
                    produced += len(chunk)
                    if produced > min(limit, MAX_TEXT_BYTES):
                        raise InputError(
                            f"{self.name}: refused, it expands far beyond what a variant file does"
                        )
                    if progress:
                        progress(min(stream.tell() / max(self.size, 1), 1.0))
                    yield chunk
        except EOFError:
            raise InputError(
                f"{self.name}: the gzip file is truncated (it ends in the middle of its data)"
            ) from None
        # isal's stub declares `error` as an Exception instance; at run time it is the exception class.
        except (OSError, ValueError, zlib_backend.error) as error:  # type: ignore[misc]
            raise InputError(f"{self.name}: the gzip data is corrupt ({error})") from None

    def _unzip(self, stream, chunk_size: int, progress: Progress | None) -> Iterator[bytes]:
        try:
            archive = zipfile.ZipFile(stream)
        except zipfile.BadZipFile as error:
            raise InputError(f"{self.name}: the zip file is damaged ({error})") from None
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir()
            and not info.filename.startswith("__MACOSX/")
            and not info.filename.endswith(".DS_Store")
        ]
        if not members:
            raise InputError(f"{self.name}: the zip archive holds no file")
        if len(members) > 1:
            names = ", ".join(info.filename for info in members[:4])
            raise InputError(f"{self.name}: the zip archive holds {len(members)} files ({names}); upload one")
        member = members[0]
        expands_too_far = member.file_size > 64 * 1024**2 and member.file_size > MAX_EXPANSION * max(
            member.compress_size, 1
        )
        if member.file_size > MAX_TEXT_BYTES or expands_too_far:
            raise InputError(f"{self.name}: refused, it expands far beyond what a variant file does")
        produced = 0
        try:
            with archive.open(member) as inner:
                while chunk := inner.read(chunk_size):
                    produced += len(chunk)
                    if produced > member.file_size:
                        raise InputError(f"{self.name}: the zip entry is larger than it declares")
                    if progress:
                        progress(produced / max(member.file_size, 1))
                    yield chunk
        except (zipfile.BadZipFile, EOFError, OSError) as error:
            raise InputError(f"{self.name}: the zip file is damaged ({error})") from None
        except NotImplementedError:
            raise InputError(f"{self.name}: the zip uses a compression method this app cannot read") from None
