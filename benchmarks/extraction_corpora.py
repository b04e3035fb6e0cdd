"""More real extraction corpora, built from test data that packages publish on PyPI.

newspaper4k's source distribution carries its test pages: real article pages from news
sites in a dozen languages (``tests/data/html``) and the article text its tests expect
for each (``tests/data/txt``, with the page's address in ``tests/data/metadata``). Those
texts are newspaper4k's own output as its maintainers pinned it, not copied by hand: a
second opinion from another extractor, useful because neither kuaibao nor trafilatura
was tuned on it. Nothing of it is committed; this step fills a cache folder that
``benchmarks/extraction_quality.py`` reads when it exists.

Run: ``python -m benchmarks.extraction_corpora [--cache DIR]`` (or ``make bench-corpora``);
it runs ``pip download`` for the pinned sdist, so it needs the package index, while the
benchmark itself never does. The cache defaults to ``$KUAIBAO_BENCH_CACHE`` or
``~/.cache/kuaibao/bench``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

NEWSPAPER4K = "newspaper4k==0.9.6"
NEWSPAPER4K_CORPUS = "newspaper4k-test-pages"
_DATA = PurePosixPath("tests/data")


def cache_dir() -> Path:
    """Where fetched corpora live: ``$KUAIBAO_BENCH_CACHE`` or ``~/.cache/kuaibao/bench``."""
    configured = os.environ.get("KUAIBAO_BENCH_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "kuaibao" / "bench"


def cached_corpora(cache: Path | None = None) -> list[Path]:
    """The corpora this step has built so far (none until it has run)."""
    folder = (cache or cache_dir()) / NEWSPAPER4K_CORPUS
    return [folder] if (folder / "ground-truth.json").is_file() else []


def corpus_from_sdist(tarball: Path, out: Path) -> int:
    """Write newspaper4k's test pages that have an expected text as a corpus; the count.

    Pages without an expected text (section fronts, feeds) are left out; a page without
    a recorded address gets an ``unknown.invalid`` one, as in the shared corpora.
    """
    members: dict[PurePosixPath, bytes] = {}
    with tarfile.open(tarball, "r:gz") as archive:
        for member in archive.getmembers():
            path = PurePosixPath(member.name)
            inner = PurePosixPath(*path.parts[1:])  # drop "newspaper4k-<version>/"
            if member.isfile() and inner.parts[:2] == _DATA.parts:
                extracted = archive.extractfile(member)
                if extracted is not None:
                    members[inner] = extracted.read()
    (out / "html").mkdir(parents=True, exist_ok=True)
    truth: dict[str, dict[str, str]] = {}
    for path in sorted(members):
        if path.parent != _DATA / "txt" or path.suffix != ".txt":
            continue
        html = members.get(_DATA / "html" / f"{path.stem}.html")
        reference = members[path].decode("utf-8").strip()
        if html is None or not reference:
            continue
        meta = members.get(_DATA / "metadata" / f"{path.stem}.json")
        url = json.loads(meta).get("url") if meta else None
        truth[path.stem] = {
            "articleBody": reference,
            "url": url or f"https://unknown.invalid/{path.stem}.html",
        }
        (out / "html" / f"{path.stem}.html.gz").write_bytes(gzip.compress(html, mtime=0))
    (out / "ground-truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return len(truth)


def fetch_newspaper4k(cache: Path) -> Path:
    """Download the pinned sdist with pip and build its corpus in ``cache``."""
    out = cache / NEWSPAPER4K_CORPUS
    with tempfile.TemporaryDirectory(prefix="kuaibao-corpus-") as scratch:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--no-binary",
                ":all:",
                "--dest",
                scratch,
                NEWSPAPER4K,
            ],
            check=True,
        )
        tarball = next(Path(scratch).glob("newspaper4k-*.tar.gz"))
        count = corpus_from_sdist(tarball, out)
    print(f"{count} pages in {out}")
    return out


def main(argv: list[str] | None = None) -> int:
    """Fill the cache with every corpus this module knows how to build."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.extraction_corpora", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--cache", type=Path, default=None, help="the cache folder")
    args = parser.parse_args(argv)
    try:
        fetch_newspaper4k(args.cache or cache_dir())
    except (subprocess.CalledProcessError, StopIteration, OSError, tarfile.TarError) as exc:
        print(f"could not build the newspaper4k corpus: {exc!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
