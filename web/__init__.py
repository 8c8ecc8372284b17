"""The recorder's local review page: `minutes serve` (needs the web extra: pip install 'minutes[web]').

`create_app(data_dir, token=...)` builds the ASGI app (web.app); `Store` (web.store) is its SQLite storage.
Nothing here is imported by `extractor`; FastAPI and Jinja2 are imported only when the app is built.
"""
from __future__ import annotations

WEB_EXTRA = "pip install 'minutes[web]'"


def create_app(*args, **kwargs):
    """The review app (see web.app.create_app). Raises ImportError naming the web extra when it is missing."""
    try:
        from .app import create_app as build
    except ImportError as err:
        raise ImportError(f"the review page needs the web extra ({err.name} is missing): {WEB_EXTRA}") from err
    return build(*args, **kwargs)


__all__ = ["WEB_EXTRA", "create_app"]
