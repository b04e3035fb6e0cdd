"""robots.txt answers remembered between runs, so a cron-driven crawl does not fetch every
host's robots.txt again on each pass.

The fetcher reads answers younger than ``robots_ttl_seconds`` from the memo instead of the
network, and records each answer it does fetch; the crawler loads the memo from the store
before a pass and saves what was fetched after it. Only real answers (a status and a body)
are remembered: a failure to reach robots.txt is retried on the next run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from kuaibao.domain import RobotsAnswer


@dataclass
class RobotsMemo:
    """Answers known before the run, and the ones fetched during it."""

    known: dict[str, RobotsAnswer] = field(default_factory=dict)
    fetched: list[RobotsAnswer] = field(default_factory=list)

    def fresh(
        self, origin: str, ttl_seconds: float, now: datetime | None = None
    ) -> RobotsAnswer | None:
        answer = self.known.get(origin)
        if answer is None:
            return None
        age = (now or datetime.now(UTC)) - answer.fetched_at
        return answer if age < timedelta(seconds=ttl_seconds) else None

    def record(self, origin: str, status: int, body: bytes) -> None:
        answer = RobotsAnswer(origin, status, body, datetime.now(UTC))
        self.known[origin] = answer
        self.fetched.append(answer)
