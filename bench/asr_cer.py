"""Character error rate of `minutes transcribe` on recordings with known text.

    .venv/bin/python bench/asr_cer.py [TSV]

TSV: lines 'file<TAB>exact text', files relative to the TSV (default: fixtures/audio/texts.tsv: the two
synthesized clips and the synthesized demo meeting). Punctuation and spaces are ignored; Latin letters are
compared lower-cased.
"""
from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if ch.isalnum())


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i]
        for j, cb in enumerate(b, start=1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def main() -> None:
    from extractor.ingest.audio import TranscribeOptions, load_model, transcribe

    tsv = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "fixtures" / "audio" / "texts.tsv"
    model = load_model(TranscribeOptions())
    errors = chars = 0
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        name, truth = line.split("\t", 1)
        t = transcribe(tsv.parent / name, TranscribeOptions(), model=model)
        got = normalize("".join(u.text for u in t.utterances))
        ref = normalize(truth)
        d = edit_distance(ref, got)
        errors, chars = errors + d, chars + len(ref)
        print(f"{name}: CER {d / max(1, len(ref)):.3f}  ({got})")
    print(f"overall CER {errors / max(1, chars):.3f} over {chars} characters")


if __name__ == "__main__":
    main()
