"""The model extractor: the trained spaCy pipeline of models/<lang>/ over every utterance.

It scores each utterance for DECISION / ACTION_ITEM / OPEN_QUESTION and tags spans in it (TASK, OWNER,
COLLABORATOR, DEADLINE, DELIVERABLE). `Predictor.load(lang)` returns None when spaCy or the model is not
there, and the extractor then runs on rules alone (the draft says so in its warnings).
"""
from __future__ import annotations

import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

MODELS = Path(__file__).resolve().parent.parent.parent / "models"
CATS = ("DECISION", "ACTION_ITEM", "OPEN_QUESTION")


@dataclass(frozen=True)
class Turn:
    """Where an utterance stands in its meeting, for the English classifier: the tenth of the meeting it
    falls in (AMI's wrap-up turns carry most action items), whether its speaker is the one who speaks
    most (the chair, in most meetings), and what the talk around it does: how many of the next three
    utterances are others' short assents ("Yeah.", "Okay, sure."; a proposal that others take up is what
    a decision looks like) and whether the utterance before it asked something (this one answers)."""

    position: float
    top_speaker: bool
    assents: int = 0
    answers: bool = False


_ASSENT = re.compile(r"^(?:yeah|yes|yep|okay|ok|right|sure|mm-hmm|uh-huh|alright|all right|cool|good|great|fine|"
                     r"exactly|definitely|agreed|i agree|sounds good)\b", re.I)


def turns_of(texts: list[str], speakers: list[str | None]) -> list[Turn]:
    """The `Turn` of each utterance of a meeting, from its text and speaker, in order."""
    counts = Counter(s for s in speakers if s)
    top = counts.most_common(1)[0][0] if counts else None
    out = []
    for k, (text, speaker) in enumerate(zip(texts, speakers)):
        assents = sum(1 for j in range(k + 1, min(k + 4, len(texts)))
                      if speakers[j] != speaker and _ASSENT.match(texts[j]) and len(texts[j].split()) <= 6)
        answers = k > 0 and texts[k - 1].rstrip().endswith(("?", "？"))
        out.append(Turn(k / max(1, len(texts) - 1), speaker is not None and speaker == top, assents, answers))
    return out


def model_text(text: str, turn: Turn | None, lang: str) -> str:
    """What the classifier reads: the utterance, and in English meetings tokens for its place in the
    meeting, its length and the talk around it. Spans are tagged on the utterance alone (the tokens come
    after it)."""
    if lang != "en" or turn is None:
        return text
    words = len(text.split())
    length = next(k for k, top in enumerate((3, 8, 20, 40, 10**9)) if words <= top)
    return (f"{text} posbin{min(9, int(turn.position * 10))} lenbin{length} assents{turn.assents}"
            + (" spktop" if turn.top_speaker else "") + (" answers" if turn.answers else ""))


@lru_cache(maxsize=1)
def prepare_tokenizer(lang: str) -> None:
    """jieba with the project's meeting words (models/config/zh_words.txt), quiet on stderr."""
    if lang != "zh":
        return
    import jieba

    jieba.setLogLevel(logging.WARNING)
    words = MODELS / "config" / "zh_words.txt"
    if words.exists():
        for w in words.read_text(encoding="utf-8").split():
            jieba.add_word(w)


@dataclass
class Prediction:
    cats: dict[str, float]
    spans: list[tuple[int, int, str, float]] = field(default_factory=list)  # char offsets into the text

    def best_span(self, label: str) -> tuple[int, int, float] | None:
        found = [(s, e, p) for s, e, lab, p in self.spans if lab == label]
        return max(found, key=lambda x: (x[2], x[1] - x[0])) if found else None


def _spans(doc, length: int) -> list[tuple[int, int, str, float]]:
    """The tagged spans of a doc with their scores, within the utterance's first `length` characters
    (not the context tokens after it)."""
    group = doc.spans.get("sc")
    if group is None:
        return []
    scores = group.attrs.get("scores", [])
    return [(span.start_char, span.end_char, span.label_, float(scores[j]) if j < len(scores) else 0.5)
            for j, span in enumerate(group) if span.end_char <= length]


@dataclass
class Predictor:
    lang: str
    nlp: object
    thresholds: dict[str, float]  # the model alone
    thresholds_both: dict[str, float]  # beside the rules (above 1: adds nothing)
    calibration: dict[str, list[list[float]]]
    actionable: dict[str, bool] = field(default_factory=dict)  # beside the rules, tasks must name who or when
    rule_calibration: dict[str, dict] = field(default_factory=dict)  # rule items' held-out precision by score band

    @staticmethod
    def load(lang: str, models_dir: Path = MODELS) -> Predictor | None:
        return _load(lang, str(models_dir))

    def predict(self, texts: list[str], turns: list[Turn | None], span_floor: float = 0.0) -> list[Prediction]:
        """One prediction per text; a text with nothing in it scores 0 (spaCy's models need a token).
        Spans are tagged only where the ACTION_ITEM score reaches `span_floor` (the extractor needs them
        for tasks alone, and tagging is most of the time)."""
        out = [Prediction(cats={c: 0.0 for c in CATS}) for _ in texts]
        real = [k for k, t in enumerate(texts) if t.strip()]
        for start in range(0, len(real), 512):  # in chunks, so memory stays flat for long meetings
            chunk = real[start : start + 512]
            docs = list(self.nlp.pipe([model_text(texts[k], turns[k], self.lang) for k in chunk], batch_size=128,
                                      disable=["spancat"]))
            tag = [doc for doc in docs if doc.cats.get("ACTION_ITEM", 0.0) >= span_floor]
            for _ in self.nlp.get_pipe("spancat").pipe(tag, batch_size=128):
                pass  # spancat sets doc.spans in place
            for k, doc in zip(chunk, docs):
                out[k] = Prediction(cats=dict(doc.cats), spans=_spans(doc, len(texts[k])))
        return out

    def threshold(self, label: str, alone: bool = True) -> float:
        return (self.thresholds if alone else self.thresholds_both).get(label, 0.5)

    def hit(self, label: str, prediction: Prediction, alone: bool = True) -> bool:
        return prediction.cats.get(label, 0.0) >= self.threshold(label, alone)

    def rule_confidence(self, label: str, confidence: float, score: float) -> float:
        """A rule item's confidence moved by what the model makes of its utterances: its odds times the
        held-out odds of rule items in the model score's band over the odds of rule items overall."""
        table = self.rule_calibration.get(label)
        if not table:
            return confidence
        band = next(p for lower, p in reversed(table["bands"]) if score >= lower)
        odds = _odds(confidence) * _odds(band) / _odds(table["overall"])
        return round(min(max(odds / (1 + odds), 0.05), 0.95), 2)

    def confidence(self, label: str, score: float) -> float:
        """The held-out share of right items among those scored like this one."""
        value = 0.5
        for lower, precision in self.calibration.get(label, []):
            if score >= lower:
                value = precision
        return round(min(max(value, 0.05), 0.95), 2)


def _odds(p: float) -> float:
    p = min(max(p, 0.01), 0.99)
    return p / (1 - p)


def unavailable(lang: str, models_dir: Path = MODELS) -> str:
    """Why `Predictor.load(lang)` gives None, as a sentence naming the fix."""
    try:
        import spacy  # noqa: F401
    except ImportError:
        return "the model extractor needs spaCy and jieba (pip install 'minutes[models]')"
    return f"no trained {lang} model in {models_dir / lang} (make models)"


@lru_cache(maxsize=4)
def _load(lang: str, models_dir: str) -> Predictor | None:
    path = Path(models_dir) / lang
    if not (path / "minutes_meta.json").exists():
        log.info("no trained model in %s", path)
        return None
    try:
        import spacy
    except ImportError:
        return None
    prepare_tokenizer(lang)
    meta = json.loads((path / "minutes_meta.json").read_text(encoding="utf-8"))
    nlp = spacy.load(path)
    return Predictor(lang=lang, nlp=nlp, thresholds=meta["thresholds"], thresholds_both=meta["thresholds_both"],
                     calibration=meta["calibration"], actionable=meta.get("actionable", {}),
                     rule_calibration=meta.get("rule_calibration", {}))
