"""kuaibao (快报): science-and-technology intelligence briefings.

The pipeline runs in one direction, one folder per stage::

    sources -> fetch -> extract -> store -> (dedup -> classify -> draft -> bulletin)

``kuaibao.pipeline`` wires the stages together; ``kuaibao.cli`` is a thin shell over it.
"""

__version__ = "0.1.0"
