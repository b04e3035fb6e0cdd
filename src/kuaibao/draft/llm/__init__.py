"""The optional LLM writer: drafts through an OpenAI-compatible chat-completions endpoint.

``writer`` sends the requests (with retries, the usage log and the check-and-repair
rounds); ``prompt`` builds the messages, ``examples`` chooses archive items as house-style
examples, ``reply`` reads the model's answer, ``usage`` counts tokens and cost, and
``rewrite`` asks for one paragraph again at the writing desk.
"""

from kuaibao.draft.llm.writer import LLMWriter, writer_from_settings

__all__ = ["LLMWriter", "writer_from_settings"]
