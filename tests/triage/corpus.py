"""Small story corpora for triage tests: reports of a few events from several sources.

Agencies and programmes are real names (facts); the events and sentences are invented here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kuaibao.domain import Document, Source, SourceKind
from kuaibao.extract.document import content_hash

DAY0 = datetime(2026, 11, 16, 9, tzinfo=UTC)

GRANT = [
    (
        "UKRI commits £120 million to five quantum computing hubs",
        "UK Research and Innovation (UKRI) said on 12 November 2026 that it will invest "
        "£120 million over five years in five quantum computing hubs led by universities in "
        "Oxford, Glasgow and Birmingham. The hubs will build error-corrected quantum "
        "processors and train 400 researchers, the agency said. The funding comes from the "
        "national quantum programme and runs until 2031.",
    ),
    (
        "Five UK quantum hubs win £120m from UKRI",
        "Five university-led quantum computing hubs will share £120 million from UK Research "
        "and Innovation, the funder announced on 12 November 2026. The hubs in Oxford, "
        "Glasgow and Birmingham aim at error-corrected quantum processors; some 400 "
        "researchers will be trained under the five-year national quantum programme award.",
    ),
    (
        "Britain bets £120 million on quantum computing hubs",
        "Britain's research funder UKRI is putting £120 million into five quantum computing "
        "hubs, it said on 12 November 2026. Universities in Oxford, Glasgow and Birmingham "
        "will lead the hubs, which target error-corrected quantum processors and will train "
        "about 400 researchers by 2031 under the national quantum programme.",
    ),
]
CHIP = (
    "Commerce Department awards $1.5 billion CHIPS grant for a New York wafer plant",
    "The U.S. Department of Commerce said on 14 November 2026 that it will award $1.5 "
    "billion under the CHIPS and Science Act to build a 300-millimetre wafer plant near "
    "Albany, New York. The plant is expected to employ 1,800 people when it opens in 2029 "
    "and to make chips for cars and industrial equipment.",
)
FUSION = (
    "German fusion start-up raises €200 million for a stellarator prototype",
    "A Munich fusion energy start-up closed a €200 million funding round on 15 November "
    "2026 to build a stellarator prototype by 2030. Investors include two venture funds and "
    "a state development bank; the company employs 150 engineers and physicists.",
)
SPORT = (
    "Local football club wins the regional cup after penalties",
    "The home side won the regional cup final on Saturday after a penalty shoot-out. The "
    "coach praised the fans and the goalkeeper, who saved two penalties. The club will play "
    "in the national tournament next spring.",
)


def sources() -> list[Source]:
    """Four registered sources: an agency (tier 1) and three news sites (tier 2 and 3)."""

    def src(name: str, host: str, tier: int) -> Source:
        return Source(
            name=name,
            homepage=f"https://{host}/",
            kind=SourceKind.RSS,
            feed_url=f"https://{host}/feed.xml",
            tier=tier,
        )

    return [
        src("Agency", "agency.example", 1),
        src("Wire", "wire.example", 2),
        src("Daily", "daily.example", 2),
        src("Aggregator", "agg.example", 3),
    ]


def document(title: str, text: str, url: str, *, source_id: int | None, day: int = 0) -> Document:
    when = DAY0 + timedelta(days=day)
    return Document(
        url=url,
        canonical_url=url,
        title=title,
        text=text,
        content_hash=content_hash(text),
        source_id=source_id,
        language="en",
        published_at=when,
        fetched_at=when,
    )
