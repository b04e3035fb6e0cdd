"""Sources: the crawl configuration an admin edits, and how each source is doing.

``pages`` and ``api`` (HTML and JSON twins), ``views`` (what is shown), ``changes``
(validated edits of the source list).
"""
