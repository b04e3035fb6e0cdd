from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kuaibao.dedup import ClusterSettings, StoryIndex
from kuaibao.errors import StoreError
from tests.dedup.test_index import DAY, GRANT_A, GRANT_A_ZH, GRANT_B, wire


def test_a_saved_index_places_new_documents_as_the_original_would(tmp_path: Path) -> None:
    settings = ClusterSettings(window_days=5)
    index = StoryIndex(settings)
    index.add([GRANT_A, GRANT_B, wire("w1", DAY)])
    path = tmp_path / "stories.npz"
    index.save(path)
    loaded = StoryIndex.load(path)
    assert loaded.settings == settings
    assert loaded.groups() == index.groups()
    assert loaded.next_story_id == index.next_story_id
    assert loaded.add([GRANT_A_ZH]) == index.add([GRANT_A_ZH])
    assert loaded.add([wire("w2", DAY)])[0].near_duplicate_of == "w1"


def test_integer_and_string_ids_survive(tmp_path: Path) -> None:
    index = StoryIndex()
    index.add([wire("w1", DAY), wire(7, DAY)])  # type: ignore[arg-type]
    index.save(tmp_path / "s.npz")
    assert StoryIndex.load(tmp_path / "s.npz").doc_ids == ["w1", 7]


def test_a_damaged_file_says_to_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "s.npz"
    path.write_bytes(b"not an index")
    with pytest.raises(StoreError, match="rebuild it with seed"):
        StoryIndex.load(path)


def test_a_file_of_another_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.npz"
    meta = np.frombuffer(b'{"format": 99}', dtype=np.uint8)
    with path.open("wb") as handle:
        np.savez(handle, meta=meta)
    with pytest.raises(StoreError, match="format 99"):
        StoryIndex.load(path)
