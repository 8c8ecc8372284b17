"""Renderers: a Minutes draft to Markdown (the 会议纪要 layout) and to the JSON contract."""
from .markdown import render_markdown
from .jsonout import render_json

__all__ = ["render_markdown", "render_json"]
