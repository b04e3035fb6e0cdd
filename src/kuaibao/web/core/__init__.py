"""What every feature shares: the app factory, its state and dependencies, sign-in and
roles (``auth``), page rendering, errors, security headers, languages and the route list.

Nothing here knows a feature except ``app`` and ``routers``, which assemble them.
"""
