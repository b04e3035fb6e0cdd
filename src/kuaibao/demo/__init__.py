"""A bundled sample web of fictional S&T news sites, served on 127.0.0.1 for ``kuaibao demo``.

The content lives in ``content/*.yaml`` (one file per site); ``routes`` renders it into
pages, feeds and a PDF; ``web`` serves each site on its own loopback port.
"""

from kuaibao.demo.web import DemoArticle, DemoSite, SampleWeb, SeenRequest, serve_forever

__all__ = ["DemoArticle", "DemoSite", "SampleWeb", "SeenRequest", "serve_forever"]
