"""Undo ``Content-Encoding`` in small pieces, so a size cap can stop a decompression bomb.

httpx decodes each chunk read from the socket in one call: 8 KB of brotli can expand to
gigabytes before the caller sees a single byte, so a cap on the *decoded* body checked by
the caller comes too late. Here every decoder is asked for at most :data:`PIECE` bytes of
output at a time (zlib's ``max_length``, brotli's ``output_buffer_limit``) and hands out
what it has as it goes; the caller counts and simply stops asking once the body is too big.
Stacked encodings (``Content-Encoding: gzip, gzip``) are chained piece by piece, so no
layer ever holds more than a piece of the layer below.

The module is pure: bytes in, bytes out; the HTTP side is :mod:`kuaibao.fetch.transport`.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from typing import Protocol

import brotli  # type: ignore[import-untyped]

from kuaibao.errors import KuaibaoError

PIECE = 64 * 1024  # about the most any decoder produces per step (brotli: up to ~1.5×)
# Encodings we can name but not decode; the crawler never advertises them.
UNSUPPORTED = frozenset({"zstd", "compress", "x-compress"})


def _brotli_is_bounded() -> bool:
    """Whether the installed brotli can cap its output per call (brotli 1.2 and later)."""
    try:
        brotli.Decompressor().process(b"", output_buffer_limit=1)
    except TypeError:
        return False
    return True


# Without the cap brotli cannot be decoded safely: it is then neither asked for nor read.
BROTLI_BOUNDED = _brotli_is_bounded()
ACCEPTED = "gzip, deflate, br" if BROTLI_BOUNDED else "gzip, deflate"


class ContentDecodingError(KuaibaoError, ValueError):
    """The body is not valid data in its announced ``Content-Encoding``.

    ``fetch.transport`` turns it into a ``FetchError`` (kind ``decode``) with the URL.
    """


class _Layer(Protocol):
    def feed(self, data: bytes) -> Iterator[bytes]: ...

    def finish(self) -> Iterator[bytes]: ...


class _Identity:
    def feed(self, data: bytes) -> Iterator[bytes]:
        for start in range(0, len(data), PIECE):
            yield data[start : start + PIECE]

    def finish(self) -> Iterator[bytes]:
        return iter(())


class _Zlib:
    """gzip and deflate; ``deflate`` is zlib-wrapped by the RFC but raw from some servers."""

    def __init__(self, *, gzip: bool) -> None:
        self._gzip = gzip
        self._decoder = zlib.decompressobj(zlib.MAX_WBITS | 16 if gzip else zlib.MAX_WBITS)
        self._started = False
        self._head = b""

    def feed(self, data: bytes) -> Iterator[bytes]:
        if not self._gzip and not self._started:
            # The zlib header is two bytes: wait for both before choosing the decoder.
            data = self._head = self._head + data
            if len(data) < 2:
                return
            self._started = True
            if not _zlib_wrapped(data):
                self._decoder = zlib.decompressobj(-zlib.MAX_WBITS)
        decoder = self._decoder
        pending = data
        while pending and not decoder.eof:
            try:
                out = decoder.decompress(pending, PIECE)
            except zlib.error as exc:
                kind = "gzip" if self._gzip else "deflate"
                raise ContentDecodingError(f"not valid {kind} data: {exc}") from exc
            if out:
                yield out
            if len(out) < PIECE:
                return  # all input taken and all output given
            # A full piece: input may be left over, or output still pending in the window.
            pending = decoder.unconsumed_tail
            if not pending:
                yield from self._drain()

    def _drain(self) -> Iterator[bytes]:
        while not self._decoder.eof:
            out = self._decoder.decompress(b"", PIECE)
            if not out:
                return
            yield out

    def finish(self) -> Iterator[bytes]:
        # A truncated stream gives what it had, as browsers (and httpx) do.
        if not self._started and self._head:
            raise ContentDecodingError("a deflate body of one byte")
        return self._drain()


def _zlib_wrapped(data: bytes) -> bool:
    """Whether a deflate body starts with a zlib header (the RFC) rather than raw deflate."""
    try:
        zlib.decompressobj().decompress(data, 1)
    except zlib.error:
        return False
    return True


class _Brotli:
    def __init__(self) -> None:
        self._decoder = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterator[bytes]:
        decoder = self._decoder
        if not data or decoder.is_finished():
            return
        try:
            out = decoder.process(data, output_buffer_limit=PIECE)
            # Output held back by the limit comes with empty input; brotli 1.2's
            # can_accept_more_data() says True too early, so ask until nothing comes.
            while out:
                yield out
                out = (
                    b""
                    if decoder.is_finished()
                    else decoder.process(b"", output_buffer_limit=PIECE)
                )
        except brotli.error as exc:
            raise ContentDecodingError(f"not valid brotli data: {exc}") from exc

    def finish(self) -> Iterator[bytes]:
        return iter(())


def _layer(name: str) -> _Layer:
    if name in ("gzip", "x-gzip"):
        return _Zlib(gzip=True)
    if name == "deflate":
        return _Zlib(gzip=False)
    if name == "br":
        if not BROTLI_BOUNDED:
            raise ContentDecodingError("brotli bodies need the brotli package 1.2 or later")
        return _Brotli()
    if name in UNSUPPORTED:
        raise ContentDecodingError(f"Content-Encoding {name!r} is not supported (never asked for)")
    # "identity", or a token no browser knows either: the bytes are taken as they are.
    return _Identity()


class BodyDecoder:
    """Decodes a body announced with ``Content-Encoding`` (None or "" for none)."""

    def __init__(self, content_encoding: str | None) -> None:
        names = [n.strip().lower() for n in (content_encoding or "").split(",") if n.strip()]
        # Encodings are listed in the order they were applied: undo the last one first.
        self._layers: list[_Layer] = [_layer(n) for n in reversed(names)] or [_Identity()]

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decoded pieces (each at most about :data:`PIECE` bytes) of a wire chunk."""
        return _through(self._layers, data)

    def finish(self) -> Iterator[bytes]:
        """What the layers still hold once the wire has no more (a flush, piece by piece)."""
        for index, layer in enumerate(self._layers):
            for piece in layer.finish():
                yield from _through(self._layers[index + 1 :], piece)


def _through(layers: Sequence[_Layer], data: bytes) -> Iterator[bytes]:
    if not layers:
        if data:
            yield data
        return
    first, rest = layers[0], layers[1:]
    for piece in first.feed(data):
        yield from _through(rest, piece)
