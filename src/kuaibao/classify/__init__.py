"""Domains, sections and relevance: the taxonomy, its weighted rules and a learned model.

``taxonomy`` loads the YAML (packaged or the analysts' copy), ``rules`` and ``matching``
compile and match its keyword rules, ``explain`` says which rules fire, ``model`` trains
and saves the learned classifier, ``classifier`` blends both into a ``Classification``,
``evaluation`` scores them, ``examples`` reads labelled data, ``jsonlines`` serves
``kuaibao classify --json`` and ``keywords`` keeps the rules-only guesses for drafting.
"""
