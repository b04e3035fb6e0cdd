"""Triage: the story list an analyst accepts or rejects, and one story with its facts.

``pages`` (list and decisions), ``stories`` (one story, drafting it), ``views`` (what is
shown), ``changes`` (decisions and draft jobs), ``fact_marks`` (facts highlighted in text).
"""
