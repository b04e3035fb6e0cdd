"""Orchestration: runs the pure stages over batches with the store and the fetcher."""
