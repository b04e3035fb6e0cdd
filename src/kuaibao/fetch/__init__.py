"""Getting bytes from the web politely and safely, and turning them into text.

The public API: :class:`Fetcher` and :class:`FetchResult` (client), :func:`decode_body`
(charset detection), the SSRF guard (:func:`guard_url`, :class:`AddressPolicy`,
:func:`blocked_reason`) and the robots.txt parser (:func:`parse_robots`,
:class:`RobotsRules`).
"""

from kuaibao.fetch.charset import decode_body
from kuaibao.fetch.client import Fetcher
from kuaibao.fetch.result import FetchResult, parse_content_type
from kuaibao.fetch.robots import RobotsRules, parse_robots
from kuaibao.fetch.ssrf import AddressPolicy, blocked_reason, guard_url

__all__ = [
    "AddressPolicy",
    "FetchResult",
    "Fetcher",
    "RobotsRules",
    "blocked_reason",
    "decode_body",
    "guard_url",
    "parse_content_type",
    "parse_robots",
]
