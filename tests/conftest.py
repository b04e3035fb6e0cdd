"""Fixtures shared by the whole suite: real servers, real databases."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.server import LocalServer, local_server


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1 with programmable routes."""
    with local_server() as srv:
        yield srv
