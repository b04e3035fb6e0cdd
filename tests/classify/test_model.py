from __future__ import annotations

from pathlib import Path

import joblib
import pytest

from kuaibao.classify.examples import Example
from kuaibao.classify.model import Model, model_path, saved_model, train
from kuaibao.errors import ConfigError
from tests.classify.samples import SAMPLES


@pytest.fixture(scope="module")
def model() -> Model:
    return train(SAMPLES)


def test_probabilities_cover_the_labels_and_sum_to_one(model: Model) -> None:
    [p] = model.predict([("量子计算机", "量子比特实验")])
    assert set(p.domains) == {"半导体", "人工智能", "量子技术", "无关"}
    assert sum(p.domains.values()) == pytest.approx(1.0)
    assert set(p.sections) == {"科技政策与科研计划", "前沿研究动态", "产业动态"}
    assert p.relevance is not None and 0 <= p.relevance <= 1
    assert max(p.domains, key=lambda k: p.domains[k]) == "量子技术"


def test_the_model_learns_from_its_examples(model: Model) -> None:
    pairs = [(e.title, e.text) for e in SAMPLES]
    predictions = model.predict(pairs)
    right = sum(
        max(p.domains, key=lambda k: p.domains[k]) == e.domain
        for p, e in zip(predictions, SAMPLES, strict=True)
    )
    assert right == len(SAMPLES)
    assert model.examples == len(SAMPLES)


def test_save_and_load_give_the_same_predictions(model: Model, tmp_path: Path) -> None:
    path = model_path(tmp_path / "data")
    model.save(path)
    loaded = Model.load(path)
    pairs = [("Quantum firm", "qubits"), ("暴雨", "天气")]
    assert [p.domains for p in loaded.predict(pairs)] == [p.domains for p in model.predict(pairs)]
    assert saved_model(tmp_path / "data") is not None
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary files left


def test_no_saved_model_means_rules_alone(tmp_path: Path) -> None:
    assert saved_model(tmp_path) is None
    assert saved_model(None) is None


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a pickle", "cannot be read"), (None, "not a kuaibao-classifier/1 model")],
)
def test_damaged_or_foreign_files_say_to_retrain(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "classifier.joblib"
    if content is None:
        joblib.dump({"format": "other"}, path)
    else:
        path.write_bytes(content)
    with pytest.raises(ConfigError, match=f"{message}.*kuaibao train"):
        Model.load(path)


def test_missing_file_says_to_train(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="run `kuaibao train` first"):
        Model.load(tmp_path / "none.joblib")


def test_too_few_examples_are_refused() -> None:
    with pytest.raises(ConfigError, match="at least two"):
        train([SAMPLES[0]])


def test_one_class_gives_a_constant_head_and_no_relevance() -> None:
    only = [
        Example("chip", "wafer", "半导体", "产业动态"),
        Example("fab", "foundry", "半导体", None),
    ]
    [p] = train(only).predict([("anything", "at all")])
    assert p.domains == {"半导体": 1.0}
    assert p.sections == {"产业动态": 1.0}
    assert p.relevance is None
