"""Rules alone, model alone, both: shared/eval's score.py figures for each `--extractors` setting.

    .venv/bin/python bench/bench_models.py                      # ../shared/eval/dev and ../shared/eval/ami/dev
    .venv/bin/python bench/bench_models.py ../shared/eval/audio  # any folders of gold cases
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = (ROOT.parent / "shared" / "eval").resolve()
MINUTES = ROOT / ".venv" / "bin" / "minutes"
FIELDS = [("decisions", "f1", "dec F1"), ("action_items", "f1", "act F1"), ("open_questions", "f1", "oq F1"),
          ("owner_accuracy", None, "owner"), ("due_accuracy", None, "due"), ("action_accuracy", None, "act acc"),
          ("minutes_score", None, "score")]


def score(cases: Path, extractors: str) -> dict:
    cmd = [sys.executable, str(EVAL / "score.py"), str(cases), "--json", "--quiet",
           "--cmd", f"{MINUTES} extract --extractors {extractors}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def load_figures() -> None:
    """Size on disk and load time (a fresh process each, imports included) of each shipped pipeline."""
    for lang in ("zh", "en"):
        path = ROOT / "models" / lang
        if not path.is_dir():
            print(f"models/{lang}: not trained (make models)")
            continue
        size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20
        code = ("import time; t = time.perf_counter(); from extractor.extract.model import Predictor; "
                f"p = Predictor.load('{lang}'); p.predict(['好的'], [None]); print(time.perf_counter() - t)")
        seconds = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                       cwd=ROOT).stdout.strip())
        print(f"models/{lang}: {size:.1f} MB, loads and labels a first sentence in {seconds:.2f} s")


def main(argv: list[str]) -> int:
    sets = [Path(a).resolve() for a in argv] or [EVAL / "dev", EVAL / "ami" / "dev"]
    missing = [str(s) for s in sets if not s.is_dir()]
    if missing:
        print(f"no such folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    load_figures()
    print()
    print("| set | extractors | " + " | ".join(f[2] for f in FIELDS) + " |")
    print("|---|---|" + "---|" * len(FIELDS))
    for cases in sets:
        for extractors in ("rules", "model", "both"):
            s = score(cases, extractors)
            cells = [s[k][sub] if sub else s[k] for k, sub, _ in FIELDS]
            print(f"| {cases.relative_to(EVAL) if cases.is_relative_to(EVAL) else cases} | {extractors} | "
                  + " | ".join(f"{c:.3f}" for c in cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
