"""Background jobs: following one, and drafting every accepted story at once (``pages``)."""
