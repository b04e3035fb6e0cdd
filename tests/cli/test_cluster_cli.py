"""`kuaibao cluster --json`: JSON lines in, groups of ids out."""

from __future__ import annotations

import json

from kuaibao.demo.content import load_sites
from tests.support import cli


def test_demo_story_told_by_two_sites_is_one_group_and_every_id_appears_once() -> None:
    records = []
    story: list[str] = []
    for site in load_sites():
        for article in site.articles:
            rid = f"{site.key}/{article.slug}"
            records.append(
                {
                    "id": rid,
                    "title": article.title,
                    "text": "\n".join(article.paragraphs),
                    "published_at": article.published.isoformat(),
                }
            )
            if article.story == "caldera-fab-grant":
                story.append(rid)
    stdin = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    groups = json.loads(cli.run("cluster", "--json", input_text=stdin).stdout)
    flat = [i for g in groups for i in g]
    assert sorted(flat) == sorted(r["id"] for r in records)
    assert len(story) == 2
    assert sorted(story) in [sorted(g) for g in groups]
    assert sum(len(g) > 1 for g in groups) == 1


def test_bad_line_is_named() -> None:
    proc = cli.run(
        "cluster", "--json", input_text='{"id": "a", "title": "t"}\n{oops\n', check=False
    )
    assert proc.returncode == 1
    assert "line 2" in proc.stderr
