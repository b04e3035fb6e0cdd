"""Benchmarks of kuaibao against its peers; run them with ``python -m benchmarks``.

See ``benchmarks/README.md`` for what each one measures and the targets it checks.
"""
