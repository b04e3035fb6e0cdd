"""Decompression bombs: a few hundred bytes on the wire that expand to gigabytes.

Built by streaming zeros through real compressors (never held expanded in memory), and
cached per process, since building the biggest takes about a second.
"""

from __future__ import annotations

import gzip
import struct
import zlib
from functools import lru_cache

import brotli  # type: ignore[import-untyped]

MIB = 1024 * 1024
_ZEROS = b"\0" * MIB


@lru_cache(maxsize=8)
def brotli_bomb(mib: int) -> bytes:
    """``mib`` MiB of zeros as brotli (1 GiB is about 800 bytes)."""
    encoder = brotli.Compressor(quality=5, lgwin=24)
    parts = [encoder.process(_ZEROS) for _ in range(mib)]
    parts.append(encoder.finish())
    return b"".join(parts)


@lru_cache(maxsize=8)
def zlib_bomb(mib: int, *, gzip_wrapper: bool = True) -> bytes:
    """``mib`` MiB of zeros as gzip (or zlib-wrapped deflate): about 1 KB per MiB.

    Deflate is at most ~1000:1, so compressing a gigabyte would take seconds; instead one
    MiB is compressed after a full flush (which resets the compressor, so every MiB gives
    the same bytes) and that block is repeated, then closed with the right checksum.
    """
    encoder = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    encoder.compress(b"")
    block = encoder.compress(_ZEROS) + encoder.flush(zlib.Z_FULL_FLUSH)
    deflated = block * mib + encoder.flush()
    crc, adler = 0, 1
    for _ in range(mib):
        if gzip_wrapper:
            crc = zlib.crc32(_ZEROS, crc)
        else:
            adler = zlib.adler32(_ZEROS, adler)
    size = (mib * MIB) & 0xFFFFFFFF
    if gzip_wrapper:
        header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
        return header + deflated + struct.pack("<II", crc, size)
    return b"\x78\xda" + deflated + struct.pack(">I", adler)


@lru_cache(maxsize=8)
def double_gzip_bomb(mib: int) -> bytes:
    """A gzip bomb gzipped again (``Content-Encoding: gzip, gzip``): each layer is small."""
    return gzip.compress(zlib_bomb(mib), 9)
