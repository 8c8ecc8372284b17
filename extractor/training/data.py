"""Training examples: one utterance, its labels (cats) and, where known, its spans.

Sources, each a function returning `Example`s:
- `hand(lang)`: sentences labelled by hand (models/data/<lang>_hand.jsonl);
- `dialogues(lang)`: whole conversations labelled by hand, utterance by utterance
  (models/data/<lang>_dialogues.jsonl);
- `generated(lang, n, seed)`: sentences composed from templates with their spans known by construction
  (generate.py);
- `meetings(lang)`: whole meetings in the formats users paste (models/data/meetings: an input file and its
  gold minutes in the evaluation format of shared/eval/FORMAT.md), read by the project's own ingest: an
  utterance is a DECISION / ACTION_ITEM / OPEN_QUESTION example where a gold item of that kind cites it as
  evidence. No spans (the gold names owners and dates, not where they are said);
- `ami()`: every turn of the AMI train split (models/data/ami_train.jsonl.gz, CC BY 4.0, see
  models/data/AMI_LICENCE.txt), labelled by AMI's own summary links: a turn linked to a decision or action
  sentence of the abstractive summary is a DECISION / ACTION_ITEM turn. `convert_ami` makes that file from
  the corpus folder in shared/eval/ami/train.
"""
from __future__ import annotations

import gzip
import json
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import TrainingDataError
from ..extract.model import CATS, Turn, turns_of

DATA = Path(__file__).resolve().parent.parent.parent / "models" / "data"
SPAN_LABELS = ("TASK", "OWNER", "COLLABORATOR", "DEADLINE", "DELIVERABLE")


@dataclass
class Example:
    text: str
    cats: set[str]
    spans: list[tuple[int, int, str]] | None = None  # None: spans unknown (not trained on for spans)
    source: str = ""
    group: str = ""  # the meeting (or file) it comes from: held-out folds never split a group
    position: float | None = None  # relative position in its meeting, 0..1, when known
    extra: dict = field(default_factory=dict)


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    rows = []
    with opener(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise TrainingDataError(f"{path}:{n}: not JSON ({err.msg})") from None
    return rows


def hand(lang: str, data_dir: Path = DATA) -> list[Example]:
    """Hand-labelled sentences; every span is checked against its text."""
    path = data_dir / f"{lang}_hand.jsonl"
    if not path.exists():
        return []
    out, problems = [], []
    for n, row in enumerate(read_jsonl(path), start=1):
        text, cats = row.get("text", ""), set(row.get("cats", []))
        spans = [tuple(s) for s in row.get("spans", [])]
        bad = [c for c in cats if c not in CATS] + [s[2] for s in spans if s[2] not in SPAN_LABELS]
        if bad or not text or any(not (0 <= s[0] < s[1] <= len(text)) for s in spans):
            problems.append(f"{path.name}:{n}: bad labels or offsets")
            continue
        out.append(Example(text=text, cats=cats, spans=spans, source="hand", group=f"hand{n // 5}",
                           extra={"speaker": row.get("speaker")}))
    if problems:
        raise TrainingDataError("; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""))
    return out


def dialogues(lang: str, data_dir: Path = DATA) -> list[Example]:
    """Whole conversations labelled by hand (models/data/<lang>_dialogues.jsonl), every utterance with its
    labels and spans: examples in their meeting, laid out like a transcript (turn k on line 3k+2)."""
    path = data_dir / f"{lang}_dialogues.jsonl"
    if not path.exists():
        return []
    rows = read_jsonl(path)
    sizes = Counter(r["dialogue"] for r in rows)
    turn = _turns(rows, "dialogue", "turn")
    out = []
    for n, r in enumerate(rows, start=1):
        text, cats, spans = r.get("text", ""), set(r.get("cats", [])), [tuple(s) for s in r.get("spans", [])]
        if (not text or any(c not in CATS for c in cats) or any(s[2] not in SPAN_LABELS for s in spans)
                or any(not (0 <= s[0] < s[1] <= len(text)) for s in spans)):
            raise TrainingDataError(f"{path.name}:{n}: bad labels or offsets")
        out.append(Example(text=text, cats=cats, spans=spans, source="dialogue", group=f"dlg-{r['dialogue']}",
                           position=r["turn"] / max(1, sizes[r["dialogue"]] - 1),
                           extra={"speaker": r.get("speaker") or "发言人", "line": 3 * r["turn"] + 2,
                                  "turn": turn[(r["dialogue"], r["turn"])]}))
    return out


_GOLD_CATS = (("decisions", "DECISION"), ("action_items", "ACTION_ITEM"), ("open_questions", "OPEN_QUESTION"))


def meetings(lang: str, data_dir: Path = DATA) -> list[Example]:
    """The utterances of the meetings in data_dir/meetings whose transcript is in `lang`, each labelled with
    the kinds of gold item that cite it, in the layout `dialogues` uses (utterance k on line 3k+2)."""
    from ..ingest import read_input

    out = []
    for gold_path in sorted((data_dir / "meetings").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        args = gold.get("cli_args") or []
        fmt = args[args.index("--input-format") + 1] if "--input-format" in args else "auto"
        transcript = read_input(gold_path.parent / gold["input"], fmt)
        if transcript.language != lang or not transcript.utterances:
            continue
        utts = transcript.utterances
        starts = [u.line for u in utts]
        cats: list[set[str]] = [set() for _ in utts]
        for key, cat in _GOLD_CATS:
            for item in gold.get(key) or []:
                for e in item.get("evidence") or []:
                    k = bisect_right(starts, e.get("line", 0)) - 1  # the utterance whose text holds that line
                    if k < 0:
                        raise TrainingDataError(f"{gold_path.name}: evidence line {e.get('line')} is before the first utterance")
                    cats[k].add(cat)
        name = gold_path.name.removesuffix(".gold.json")
        texts = [_one_line(u.norm or u.text) for u in utts]
        speakers = [u.speaker or "发言人" for u in utts]
        for k, (text, turn) in enumerate(zip(texts, turns_of(texts, speakers))):
            out.append(Example(text=text, cats=cats[k], spans=None, source="meeting", group=f"mtg-{name}",
                               position=k / max(1, len(utts) - 1),
                               extra={"speaker": speakers[k], "line": 3 * k + 2, "turn": turn}))
    return out


_BREAK = re.compile(r"\s*\n\s*")
_CJK_BREAK = re.compile(r"(?<=[\u3400-\u9fff，。！？、；：])\s*\n\s*(?=[\u3400-\u9fff])")


def _one_line(text: str) -> str:
    """An utterance's text on one line (a subtitle cue wrapped over two): the rule extractors are run over
    the examples laid out one text line each."""
    return _BREAK.sub(" ", _CJK_BREAK.sub("", text.strip()))


def ami(data_dir: Path = DATA) -> list[Example]:
    path = data_dir / "ami_train.jsonl.gz"
    if not path.exists():
        return []
    rows = read_jsonl(path)
    turn = _turns(rows, "meeting", "line")
    return [Example(text=r["text"], cats=set(r["cats"]), spans=None, source="ami", group=r["meeting"],
                    position=r["position"], extra={"speaker": r["speaker"], "line": r["line"],
                                                   "turn": turn[(r["meeting"], r["line"])]})
            for r in rows]


def _turns(rows: list[dict], group: str, order: str) -> dict[tuple, Turn]:
    """The `Turn` of each row, keyed by (its `group` value, its `order` value): the rows of one meeting (or
    conversation) in `order`, as the extractor sees a meeting's utterances."""
    meetings: dict[str, list[dict]] = {}
    for r in rows:
        meetings.setdefault(r[group], []).append(r)
    out = {}
    for key, rs in meetings.items():
        rs = sorted(rs, key=lambda r: r[order])
        out.update(((key, r[order]), t) for r, t in zip(rs, turns_of([r.get("text", "") for r in rs],
                                                                    [r.get("speaker") for r in rs])))
    return out


def convert_ami(folder: Path, out: Path = DATA / "ami_train.jsonl.gz") -> int:
    """Turns of the AMI train cases in `folder` (shared/eval/ami/train) with the labels of their summary
    links. Returns the number of turns written."""
    rows = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        lines = (folder / gold["input"]).read_text(encoding="utf-8").split("\n")
        labels: dict[int, set[str]] = {}
        for key, cat in (("decisions", "DECISION"), ("action_items", "ACTION_ITEM")):
            for item in gold.get(key, []):
                for e in item.get("evidence", []):
                    labels.setdefault(e["line"], set()).add(cat)
        turns = [(n, lines[n - 2]) for n in range(2, len(lines) + 1, 3) if n - 1 < len(lines) and lines[n - 1].strip()]
        for k, (n, header) in enumerate(turns):
            rows.append({"meeting": gold_path.name.split(".")[0], "line": n, "speaker": header.rsplit(" ", 1)[0],
                         "position": round(k / max(1, len(turns) - 1), 4), "text": lines[n - 1],
                         "cats": sorted(labels.get(n, ()))})
    with gzip.GzipFile(out, "wb", mtime=0) as f:  # mtime 0: the same corpus gives the same bytes
        f.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8"))
    return len(rows)
