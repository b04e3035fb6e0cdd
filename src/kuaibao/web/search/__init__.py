"""Search: full-text search over documents and items with facets.

``pages`` (the page and its JSON twin), ``views`` (facets and highlighted spans).
"""
