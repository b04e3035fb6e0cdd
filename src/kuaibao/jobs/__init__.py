"""Background jobs: a registry of job kinds (pure: kind → function) and a runner.

Drafting with a model takes seconds to minutes, so the web app never does it inside a
request: it records a job (``store.jobs``), hands its id to the runner, and answers at
once; the page follows the job's state. The runner (:mod:`kuaibao.jobs.runner`, a thread
pool today) is the only part a task queue replaces later; the kinds and the records stay.
"""
