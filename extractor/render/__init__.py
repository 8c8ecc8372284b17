"""Renderers: a Minutes draft to Markdown (the 会议纪要 layout) and to the JSON contract."""
from .markdown import render_markdown
from .jsonout import render_json
from .transcript import render_transcript

__all__ = ["render_json", "render_markdown", "render_transcript"]
