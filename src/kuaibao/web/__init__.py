"""The analysts' web app (``kuaibao serve``): FastAPI, server-rendered pages, a JSON API.

``app.create_app`` builds it; ``routes`` holds one module per page group (their docstring
shows how to add a page); ``auth`` checks who asks and what they may do. Importing this
package stays cheap: the FastAPI parts load only when ``kuaibao.web.app`` is imported.
"""
