"""``python -m kuaibao`` is the same as the ``kuaibao`` command."""

from kuaibao.cli import main

main()
