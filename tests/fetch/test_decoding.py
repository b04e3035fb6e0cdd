"""Content-Encoding decoding in bounded pieces (the pure part; HTTP in test_bombs)."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable

import brotli  # type: ignore[import-untyped]
import pytest

from kuaibao.fetch.decoding import (
    ACCEPTED,
    BROTLI_BOUNDED,
    PIECE,
    BodyDecoder,
    ContentDecodingError,
)
from tests.support.bombs import MIB, brotli_bomb, double_gzip_bomb, zlib_bomb

TEXT = ("科技快报 kuaibao " * 4000).encode()


def _raw_deflate(data: bytes) -> bytes:
    encoder = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return encoder.compress(data) + encoder.flush()


def _decode(encoding: str, wire: bytes, step: int) -> bytes:
    decoder = BodyDecoder(encoding)
    pieces = [p for i in range(0, len(wire), step) for p in decoder.feed(wire[i : i + step])]
    return b"".join(pieces) + b"".join(decoder.finish())


ENCODINGS: list[tuple[str, Callable[[bytes], bytes]]] = [
    ("gzip", gzip.compress),
    ("x-gzip", gzip.compress),
    ("deflate", zlib.compress),
    ("deflate", _raw_deflate),  # what some servers send
    ("br", brotli.compress),
    ("gzip, br", lambda b: brotli.compress(gzip.compress(b))),
    ("identity", lambda b: b),
    ("", lambda b: b),
]


@pytest.mark.parametrize(("encoding", "encode"), ENCODINGS)
@pytest.mark.parametrize("step", [1, 7, 4096, 10**9])
def test_every_encoding_round_trips_whatever_the_chunking(
    encoding: str, encode: Callable[[bytes], bytes], step: int
) -> None:
    assert _decode(encoding, encode(TEXT), step) == TEXT


BOMBS = [
    ("br", lambda: brotli_bomb(1024)),
    ("gzip", lambda: zlib_bomb(64)),
    ("deflate", lambda: zlib_bomb(64, gzip_wrapper=False)),
    ("gzip, gzip", lambda: double_gzip_bomb(64)),
]


@pytest.mark.parametrize(("encoding", "bomb"), BOMBS, ids=[b[0] for b in BOMBS])
def test_a_bomb_fed_in_one_chunk_comes_out_in_small_pieces(
    encoding: str, bomb: Callable[[], bytes]
) -> None:
    """The whole bomb in one read must not expand at once: a caller counting the pieces
    can stop after 20 MiB, and no piece is more than about PIECE bytes."""
    decoder = BodyDecoder(encoding)
    total = biggest = 0
    for piece in decoder.feed(bomb()):
        total += len(piece)
        biggest = max(biggest, len(piece))
        if total > 20 * MIB:
            break
    assert total > 20 * MIB
    assert biggest <= 2 * PIECE


@pytest.mark.parametrize(
    ("encoding", "wire"),
    [("gzip", b"not gzip at all"), ("br", b"\xff" * 64), ("deflate", b"\xff" * 64)],
)
def test_corrupt_data_is_a_decode_failure(encoding: str, wire: bytes) -> None:
    with pytest.raises(ContentDecodingError, match="not valid"):
        _decode(encoding, wire, 16)


def test_an_encoding_never_asked_for_is_refused_by_name() -> None:
    with pytest.raises(ContentDecodingError, match="zstd"):
        BodyDecoder("zstd")


def test_a_truncated_stream_gives_what_it_had() -> None:
    wire = gzip.compress(TEXT)
    assert TEXT.startswith(_decode("gzip", wire[: len(wire) // 2], 100))


def test_brotli_is_asked_for_only_when_it_can_be_decoded_with_a_bound() -> None:
    """brotli before 1.2 cannot cap its output: pyproject must ask for 1.2 or later."""
    assert BROTLI_BOUNDED
    assert ACCEPTED.split(", ") == ["gzip", "deflate", "br"]
