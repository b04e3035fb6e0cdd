"""The workflow service: every state change of stories, items and bulletins.

``transitions`` declares, as data, which step moves a story, an item or a bulletin from
which state to which; ``stories``, ``items`` and ``bulletins`` apply those steps to the
store, each change one transaction (state, history and links together). The faces —
``kuaibao`` commands, web pages, the JSON API, background jobs, the demo — only parse
input, call these functions and show the result; the stage packages (``draft``,
``bulletin``) stay pure and never touch the store.

Layering: ``workflow`` sits above ``draft``, ``bulletin``, ``facts``, ``classify`` and
``store``, and below ``pipeline``, ``jobs``, ``cli``, ``web`` and ``demo``.
"""
