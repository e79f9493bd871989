"""The HTTP API and the web page it serves: ``create_app(store_url)`` gives the ASGI application."""

from newsgraph.api.app import create_app

__all__ = ["create_app"]
