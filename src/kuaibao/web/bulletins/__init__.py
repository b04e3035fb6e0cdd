"""Bulletins: compiling approved items into an issue, ordering, publishing and exporting.

``pages`` and ``api`` (HTML and JSON twins), ``views`` (what is shown), ``changes`` (what
is changed), ``exports`` (the HTML, Markdown and text downloads).
"""
