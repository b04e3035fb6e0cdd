"""The learned half of classification: TF-IDF word and character n-grams into logistic
regression, one head for the domain (无关 included), one for relevance (relevant or not)
and one for the section. Relevance has its own two-class head because in the domain
head the probability of 无关 is spread thin against ten domains.

Character n-grams carry Chinese (no word segmentation needed) and spelling variants;
word n-grams carry English phrases. Everything is trained locally from labelled examples
and saved with joblib into the data dir; nothing is downloaded.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kuaibao.classify.examples import Example
from kuaibao.classify.matching import normalise
from kuaibao.errors import ConfigError

FORMAT = "kuaibao-classifier/1"
MODEL_FILE = "classifier.joblib"
MAX_CHARS = 4000
RELEVANT = "relevant"
REGULARISATION_C = 10.0


def model_path(data_dir: Path) -> Path:
    """Where ``kuaibao train`` saves the model and ``classify`` looks for it."""
    return data_dir / MODEL_FILE


def document(title: str, text: str) -> str:
    """The text the model sees: the title twice (it says most), then the start of the text."""
    return f"{title}\n{title}\n{text[:MAX_CHARS]}"


@dataclass
class Head:
    """One fitted classifier over the shared features, or a constant when only one class."""

    classes: tuple[str, ...]
    estimator: Any = None

    def probabilities(self, features: Any, rows: int) -> list[dict[str, float]]:
        if self.estimator is None:
            return [{self.classes[0]: 1.0} for _ in range(rows)]
        matrix = self.estimator.predict_proba(features)
        return [dict(zip(self.classes, map(float, row), strict=True)) for row in matrix]


@dataclass
class Prediction:
    """The model's probabilities for one text: domains (无关 included), sections, relevance.

    ``relevance`` is None when the model never saw an off-topic example.
    """

    domains: dict[str, float]
    sections: dict[str, float]
    relevance: float | None = None


@dataclass
class Model:
    """A trained classifier: the fitted features and the domain and section heads."""

    features: Any
    domain: Head
    section: Head | None
    examples: int
    relevance: Head | None = None
    trained_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    sklearn_version: str = ""

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[Prediction]:
        """Probabilities for many (title, text) pairs at once (one vectorising pass)."""
        if not pairs:
            return []
        matrix = self.features.transform([document(t, x) for t, x in pairs])
        domains = self.domain.probabilities(matrix, len(pairs))
        rows = len(pairs)
        sections = self.section.probabilities(matrix, rows) if self.section else [{}] * rows
        relevance: list[float | None] = [None] * rows
        if self.relevance is not None:
            relevance = [p.get(RELEVANT, 0.0) for p in self.relevance.probabilities(matrix, rows)]
        return [Prediction(d, s, r) for d, s, r in zip(domains, sections, relevance, strict=True)]

    def save(self, path: Path) -> None:
        """Write atomically (a temporary file renamed over the old model)."""
        import joblib

        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".classifier-", dir=path.parent)
        os.close(fd)
        try:
            joblib.dump({"format": FORMAT, "model": self}, tmp, compress=3)
            os.replace(tmp, path)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise ConfigError(f"cannot save the model to {path}: {exc}") from exc

    @classmethod
    def load(cls, path: Path) -> Model:
        """Read a saved model; a missing, foreign or damaged file says to retrain."""
        import joblib

        if not path.is_file():
            raise ConfigError(f"no classifier model at {path}; run `kuaibao train` first")
        try:
            data = joblib.load(path)
        except Exception as exc:  # unpickling raises many kinds; all mean "retrain"
            raise ConfigError(
                f"{path} cannot be read as a kuaibao model ({exc}); run `kuaibao train` again"
            ) from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ConfigError(f"{path} is not a {FORMAT} model; run `kuaibao train` again")
        model = data["model"]
        if not isinstance(model, cls):
            raise ConfigError(f"{path} holds no kuaibao model; run `kuaibao train` again")
        return model


def _features() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    words = TfidfVectorizer(
        preprocessor=normalise, token_pattern=r"[a-z][a-z0-9]+", ngram_range=(1, 2),
        sublinear_tf=True, min_df=1,
    )  # fmt: skip
    chars = TfidfVectorizer(
        preprocessor=normalise, analyzer="char_wb", ngram_range=(1, 3),
        sublinear_tf=True, min_df=1, max_features=300_000,
    )  # fmt: skip
    return FeatureUnion([("words", words), ("chars", chars)])


def _head(matrix: Any, labels: list[str]) -> Head:
    """Logistic regression over the labels (balanced classes); constant if only one.

    BLAS runs on one thread: on these small problems its threads only contend (a fit
    takes several times longer with two).
    """
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    classes = sorted(set(labels))
    if len(classes) < 2:
        return Head(tuple(classes))
    estimator = LogisticRegression(C=REGULARISATION_C, max_iter=2000, class_weight="balanced")
    with threadpool_limits(limits=1):
        estimator.fit(matrix, labels)
    return Head(tuple(str(c) for c in estimator.classes_), estimator)


def train(examples: Sequence[Example]) -> Model:
    """Fit the features and both heads on labelled examples (sections where known)."""
    import sklearn

    usable = [e for e in examples if (e.title or e.text).strip()]
    if len(usable) < 2:
        raise ConfigError(
            "need at least two labelled examples to train; import past bulletins or add "
            "an examples file"
        )
    features = _features()
    matrix = features.fit_transform([document(e.title, e.text) for e in usable])
    domain = _head(matrix, [e.domain for e in usable])
    rows = [i for i, e in enumerate(usable) if e.relevant and e.section]
    section = _head(matrix[rows], [str(usable[i].section) for i in rows]) if rows else None
    flags = [RELEVANT if e.relevant else "irrelevant" for e in usable]
    relevance = _head(matrix, flags) if len(set(flags)) == 2 else None
    return Model(
        features, domain, section, len(usable), relevance=relevance,
        sklearn_version=sklearn.__version__,
    )  # fmt: skip


def saved_model(data_dir: Path | None) -> Model | None:
    """The model ``kuaibao train`` saved in the data dir, or None (rules alone) if none."""
    if data_dir is None or not model_path(data_dir).is_file():
        return None
    return Model.load(model_path(data_dir))
