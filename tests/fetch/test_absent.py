"""Absent optional modules are remembered, so importing them again fails at once."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator

import pytest

from kuaibao.fetch.absent import remember_absent

MISSING = "kuaibao_test_module_that_is_not_installed"


@pytest.fixture
def forget_marks() -> Iterator[None]:
    yield
    sys.modules.pop(MISSING, None)


@pytest.mark.usefixtures("forget_marks")
def test_missing_modules_are_marked_and_present_ones_left_alone() -> None:
    assert remember_absent((MISSING, "json")) == [MISSING]
    assert sys.modules[MISSING] is None
    with pytest.raises(ImportError):
        importlib.import_module(MISSING)
    assert importlib.import_module("json").dumps([1]) == "[1]"
    assert remember_absent((MISSING,)) == []  # marking twice changes nothing
