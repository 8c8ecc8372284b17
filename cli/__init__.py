"""The `minutes` command: a thin click layer over extractor's public API."""
