"""Who is asking, and may they: passwords, sessions, API tokens, CSRF, throttling, roles.

Pages and API routes use only ``roles`` (``require`` and the ``AnalystUser`` …
aliases); the other modules are the parts it is built from.
"""
