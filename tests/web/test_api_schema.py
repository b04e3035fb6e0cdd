"""Property-based API tests from /openapi.json (schemathesis), as an admin with a token.

Every operation gets a few generated requests; each answer must be documented in the
schema (status, content type, body) and none may be a server error.
"""

from __future__ import annotations

from typing import Any

import hypothesis
import schemathesis
from hypothesis import HealthCheck, Phase

from tests.web.conftest import SignedIn, WebApp, only_sqlite

EXAMPLES = 6


@only_sqlite
def test_the_api_keeps_its_schema(web: WebApp, admin: SignedIn) -> None:
    # Decoys take the small ids that generated DELETE /api/tokens/{id} calls try first.
    for name in ("decoy 1", "decoy 2", "decoy 3", "schemathesis"):
        made = admin.http.post(
            "/api/tokens", json={"name": name}, headers={"X-CSRF-Token": admin.csrf}
        )
    auth = {"Authorization": f"Bearer {made.json()['token']}"}
    schema = schemathesis.openapi.from_url(f"{web.base}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    # Deletions last: DELETE /api/tokens/{id} may well hit the token this test runs with.
    operations.sort(key=lambda op: op.method.upper() == "DELETE")
    tested = []
    for operation in operations:

        @hypothesis.given(case=operation.as_strategy())
        @hypothesis.settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            case.call_and_validate(headers=auth)

        check()
        tested.append(operation.label)
    assert len(tested) >= 9, tested
