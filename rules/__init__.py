"""Rule data: rules/<lang>/<kind>.jsonl (one rule per line) and lexicons rules/<lang>/*.txt.

Read through extractor.rules, which validates every file; nothing here is code.
"""
