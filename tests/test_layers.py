"""The declared layering of kuaibao's packages, enforced on every import.

Lower layers never import higher ones, and the stage libraries follow the pipeline's order
(crawl → extract → index → cluster → classify/rank → draft → publish, as
``kuaibao.pipeline.stages`` runs them): a stage may use what an earlier stage made, never
what a later one does. Packages in one layer may use each other. Imports inside functions
and ``TYPE_CHECKING`` blocks count too, so a lazy import cannot hide a violation.

To place a new package, add it to ``LAYERS`` where it belongs; the test names every import
that breaks the order, so the shape cannot drift unnoticed.
"""

from __future__ import annotations

from tests.test_imports import imports

# Bottom first. The root package ``kuaibao`` (its version) is at the bottom.
LAYERS: tuple[tuple[str, ...], ...] = (
    # the vocabulary every stage shares
    ("kuaibao", "text"),
    ("errors",),
    ("i18n",),
    ("phrases",),
    ("domain", "issue", "sites"),
    ("config",),
    # stage libraries, in pipeline order; pure logic over domain values
    ("fetch",),  # crawl
    ("sources",),  # crawl: the registry's files
    ("extract", "facts"),  # extract: documents and the facts in them
    ("search",),  # index
    ("dedup",),  # cluster
    ("classify",),  # classify
    ("triage",),  # rank
    ("draft",),  # draft
    ("bulletin",),  # publish
    # persistence, then the services that change state and run stages
    ("store",),
    ("workflow",),
    ("pipeline",),
    ("jobs",),
    # the faces
    ("web",),
    ("demo",),
    ("cli",),
    ("__main__",),
)


def package_of(module: str) -> str:
    """``kuaibao.draft.llm.writer`` → ``draft``; the root package stays ``kuaibao``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def rank_of(layers: tuple[tuple[str, ...], ...]) -> dict[str, int]:
    return {package: rank for rank, group in enumerate(layers) for package in group}


def violations(
    graph: dict[str, set[str]], layers: tuple[tuple[str, ...], ...] = LAYERS
) -> list[str]:
    """``a → b`` for every import of a higher layer, and every package with no layer."""
    rank = rank_of(layers)
    found = set()
    for module, targets in graph.items():
        source = package_of(module)
        if source not in rank:
            found.add(f"{source}: no layer declared")
            continue
        for target in targets:
            package = package_of(target)
            if package not in rank:
                found.add(f"{package}: no layer declared")
            elif rank[package] > rank[source]:
                found.add(f"{module} → {target}")
    return sorted(found)


def test_the_check_sees_an_upward_import_and_an_undeclared_package() -> None:
    layers = (("kuaibao",), ("facts",), ("draft",))
    graph = {
        "kuaibao.draft.writer": {"kuaibao.facts.check"},
        "kuaibao.facts.check": {"kuaibao.draft.writer"},
        "kuaibao.novel.thing": set(),
    }
    assert violations(graph, layers) == [
        "kuaibao.facts.check → kuaibao.draft.writer",
        "novel: no layer declared",
    ]


def test_every_package_has_one_layer() -> None:
    packages = [p for group in LAYERS for p in group]
    assert len(packages) == len(set(packages))


def test_no_import_breaks_the_declared_layers() -> None:
    found = violations(imports(include_lazy=True))
    assert not found, "imports against the declared layers:\n  " + "\n  ".join(found)
