"""Items: the writing desk where a drafted item is edited, checked, rewritten and reviewed.

``pages`` and ``api`` (HTML and JSON twins), ``views`` (what is shown), ``changes`` and
``rewrite_changes`` (edits, versions, review, paragraph rewrites), ``editing`` (pure
checks on submitted text), ``desk_views``, ``desk_check`` and ``desk_names`` (the desk's
side panels: facts, house-style faults, organisation names).
"""
