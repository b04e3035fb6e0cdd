"""Drafting bulletin items from documents."""
