from __future__ import annotations

import numpy as np
import pytest

from kuaibao.dedup.minhash import MinHasher, band_keys, jaccard
from kuaibao.dedup.text import shingle_tokens

STORY = (
    "The joint Mars sample return mission will not bring rock cores to Earth before 2035, "
    "two years later than planned, after the agency capped its budget at 7.2 billion "
    "dollars. The revised plan replaces the fetch rover with two small helicopters and "
    "moves the orbiter launch to 2031. Engineers said the sealed tubes remain in good shape."
)
OTHER = (
    "A perovskite-silicon tandem solar cell reached a certified efficiency of 35.2 per "
    "cent, beating the previous record. The measurement was confirmed by a test lab."
)


def signature(hasher: MinHasher, text: str) -> np.ndarray:
    return hasher.signature(shingle_tokens(text))


def test_identical_texts_have_identical_signatures() -> None:
    hasher = MinHasher()
    assert jaccard(signature(hasher, STORY), signature(hasher, STORY)) == 1.0


def test_a_copy_with_other_boilerplate_stays_near() -> None:
    hasher = MinHasher()
    copy = f"By Wire staff | 3 min read. {STORY} Copyright 2026. Sign up for our newsletter."
    assert jaccard(signature(hasher, STORY), signature(hasher, copy)) >= 0.5


def test_unrelated_texts_are_far() -> None:
    hasher = MinHasher()
    assert jaccard(signature(hasher, STORY), signature(hasher, OTHER)) < 0.15


def test_the_seed_makes_signatures_reproducible_across_instances() -> None:
    assert np.array_equal(signature(MinHasher(), STORY), signature(MinHasher(), STORY))
    assert not np.array_equal(signature(MinHasher(seed=1), STORY), signature(MinHasher(), STORY))


def test_near_copies_share_a_band_and_strangers_do_not() -> None:
    hasher = MinHasher()
    copy = STORY.replace("good shape", "good condition")
    keys = set(band_keys(signature(hasher, STORY), 12, 4))
    assert keys & set(band_keys(signature(hasher, copy), 12, 4))
    assert not keys & set(band_keys(signature(hasher, OTHER), 12, 4))


def test_bands_must_fit_in_the_signature() -> None:
    with pytest.raises(ValueError, match="permutations"):
        band_keys(MinHasher(num_perm=16).signature(["a", "b"]), 5, 4)


def test_a_short_text_is_one_shingle() -> None:
    assert MinHasher(shingle_size=4).shingles(["two", "words"]).size == 1
    assert MinHasher().shingles([]).size == 0
