"""Rules and model together: the rules' items stand (they are precise on what they know), and the model
adds what they missed: an utterance it scores above its threshold that says something (not a bare 好吧 or
+1), is no rule item's evidence, and lies more than two utterances from any rule item of that kind (a task
it adds must also name who or by when, where training found that pays, and be nothing the rules know is no
task: a request for now, an offer of help; a decision it adds must not merely agree on the due date of a rule
task beside it). With rules beside it the model uses
its stricter 'both' threshold, tuned on held-out data with the rules running (training sets it above 1,
adding nothing, where the rules alone did best). Neighbouring model hits (within two utterances) are one
item. A model item's confidence is the calibrated share of such items that were right on held-out data,
and its evidence says it came from the model. A rule item's own confidence is moved by the model's score of
its utterances, as far as that score told right rule items from wrong ones on held-out data.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from ..dates import find_due
from ..schema import ActionItem, Decision, Evidence, OpenQuestion
from ..text import tidy
from .context import Context, RuleSet
from .model import CATS, Prediction, Predictor, turns_of
from .questions import UNSURE

_SELF = re.compile(r"^(?:我|我来|我这边|我们|咱们|俺|本人|i|i'll|i will|me|myself|we|we'll)$", re.I)
_GAP = 2
_NOT_ITEM = {"ACTION_ITEM": [("action", lab) for lab in ("IN_MEETING", "OFFER", "DECLINE", "NEGATED")],
             "DECISION": [("decision", "RECAP"), ("decision", "CLOSING"), ("open_question", "DEFER"), ("action", "ASSIGNED")]}
_DETERMINER = re.compile(r"^(?:the|our|your|my)\s+", re.I)  # "the industrial designer" is the role on the list
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'.-]*")


def substantive(text: str) -> bool:
    """Whether an utterance states enough to stand as an item: six Chinese characters or four words."""
    text = tidy(text)
    return len(_CJK.findall(text)) >= 6 or len(_WORD.findall(text)) >= 4


def actionable(text: str, prediction: Prediction) -> bool:
    """A task the model finds beside the rules must say who or by when: an owner span or a deadline."""
    return prediction.best_span("OWNER") is not None or find_due(text, None) is not None


def not_an_item(rules: RuleSet, label: str, text: str) -> bool:
    """What the rules know is no item of `label`, whoever finds it: for tasks, a request for now (你先说一下,
    tell us about), help offered on a condition, a refusal (not one taken back: "有点赶，我尽量"), a task called
    off; for decisions, a recap of an earlier one, the meeting's closing (那就这样，大家周末愉快), who takes a
    task (那就何佳带: the task's owner) or a topic put off (外包这个先不展开了: an open question, if anything)."""
    return any(rules.has(kind, text, lab) and not (lab == "DECLINE" and rules.has(kind, text, "TAKE_BACK"))
               for kind, lab in _NOT_ITEM.get(label, []))


def _dates_a_task(k: int, texts: list[str], task_turns: set[int], meeting_date: dt.date | None) -> bool:
    """Whether utterance `k` only agrees when a rule task beside it is due: it names the date that task's
    evidence names ("检测报告得后天才能出" … "行，那就后天")."""
    due = find_due(texts[k], meeting_date)
    if due is None:
        return False
    for r in task_turns:
        if r != k and abs(k - r) <= _GAP and 0 <= r < len(texts):
            other = find_due(texts[r], meeting_date)
            if other is not None and (other.due == due.due if due.due else other.text == due.text):
                return True
    return False


def _left_open(rules: RuleSet, texts: list[str], k: int) -> bool:
    """Whether utterance `k` or the two after it leave something open: a deferral (下次再议, let's park it)
    or a statement of not knowing (还不确定, not sure). An open question is one the meeting left open, not
    any question asked in it ("营业执照是不是还没下来")."""
    return any(rules.has("open_question", t, "DEFER") or UNSURE.search(t) for t in texts[k : k + 3])


def eligible(label: str, texts: list[str], predictions: list[Prediction], require_actionable: bool,
             rules: RuleSet | None = None, task_turns: set[int] = frozenset(),
             meeting_date: dt.date | None = None, floor: float | None = None) -> list[bool]:
    """Which utterances may become model items of `label`: substantive ones the rules do not know to be no
    such item (`not_an_item`); for tasks, where training found that it pays (`require_actionable`), only
    actionable ones; for decisions, none that only agrees on when a rule task beside it (`task_turns`)
    is due (`_dates_a_task`: the task holds that date). With a `floor` (the label's threshold), utterances
    scored below it are not looked at: they cannot become items anyway."""
    out = []
    for k, (t, p) in enumerate(zip(texts, predictions)):
        if floor is not None and p.cats.get(label, 0.0) < floor:
            out.append(False)
            continue
        ok = substantive(t) and not (rules is not None and not_an_item(rules, label, t))
        if ok and label == "ACTION_ITEM":
            ok = not require_actionable or actionable(t, p)
        if ok and label == "DECISION" and task_turns:
            ok = not _dates_a_task(k, texts, task_turns, meeting_date)
        if ok and label == "OPEN_QUESTION" and rules is not None:
            ok = _left_open(rules, texts, k)
        out.append(ok)
    return out


def select(scores: list[float], threshold: float, rule_turns: set[int], allowed: list[bool],
           used: set[int] = frozenset()) -> list[list[int]]:
    """The runs of utterance indices that become model items of one label: scored at or above
    `threshold`, allowed (`eligible`), more than two utterances from a rule item of the label
    (`rule_turns`), and not the evidence of any other rule item (`used`: the rules explained it)."""
    near = {r + d for r in rule_turns for d in range(-_GAP, _GAP + 1)}
    hits = [k for k, sc in enumerate(scores) if sc >= threshold and allowed[k] and k not in used and k not in near]
    return runs(hits)


def combine(ctx: Context, predictor: Predictor, rule_items: tuple[list, list, list], position: Callable[[int | None], int],
            with_rules: bool) -> tuple[list[Decision], list[ActionItem], list[OpenQuestion]]:
    """Decisions, actions and questions of the rules (`rule_items`, empty when the model runs alone) with
    the model's added, each kind in meeting order."""
    predictions = predict_all(ctx, predictor)
    covered = None
    if with_rules:
        covered = {label: {position(e.line) for item in items for e in item.evidence}
                   for label, items in zip(CATS, rule_items)}
        for label, items in zip(CATS, rule_items):
            for item in items:
                at = [position(e.line) for e in item.evidence]
                score = max((predictions[k].cats.get(label, 0.0) for k in at if 0 <= k < len(predictions)), default=0.0)
                item.confidence = predictor.rule_confidence(label, item.confidence, score)
    found = model_items(ctx, predictor, predictions, covered)
    return tuple(sorted(old + new, key=lambda item: min((position(e.line) for e in item.evidence), default=0))
                 for old, new in zip(rule_items, found))


def predict_all(ctx: Context, predictor: Predictor) -> list[Prediction]:
    """One prediction per utterance, in order."""
    texts = [u.norm or u.text for u in ctx.utterances]
    turns = turns_of(texts, [u.speaker for u in ctx.utterances])
    floor = min(predictor.threshold("ACTION_ITEM", alone=True), predictor.threshold("ACTION_ITEM", alone=False))
    return predictor.predict(texts, turns, span_floor=floor)


def model_items(ctx: Context, predictor: Predictor, predictions: list[Prediction],
                covered: dict[str, set[int]] | None) -> tuple[list[Decision], list[ActionItem], list[OpenQuestion]]:
    """Items for the utterances the model flags. `covered` (label -> indices of utterances that are
    evidence of a rule item) is None when the model runs alone."""
    out: dict[str, list] = {label: [] for label in CATS}
    texts = [u.norm or u.text for u in ctx.utterances]
    for label, items in out.items():
        threshold = predictor.threshold(label, alone=covered is None)
        scores = [p.cats.get(label, 0.0) for p in predictions]
        allowed = eligible(label, texts, predictions, covered is not None and predictor.actionable.get(label, False),
                           ctx.rules, (covered or {}).get("ACTION_ITEM", set()), ctx.meeting_date, threshold)
        used = set().union(*(turns for other, turns in covered.items() if other != label)) if covered else set()
        for run in select(scores, threshold, (covered or {}).get(label, set()), allowed, used):
            best = max(run, key=lambda k: predictions[k].cats[label])
            score = predictions[best].cats[label]
            made = _item(ctx, label, best, predictions[best], predictor.confidence(label, score))
            if made is None:
                continue
            item, owner_reason = made
            item.evidence = [_evidence(ctx, k, label, predictions[k].cats[label],
                                       owner_reason if k == best else None) for k in run]
            items.append(item)
    return out["DECISION"], out["ACTION_ITEM"], out["OPEN_QUESTION"]


def runs(indices: list[int]) -> list[list[int]]:
    """Indices grouped into runs whose neighbours are at most two apart."""
    out: list[list[int]] = []
    for k in indices:
        if out and k - out[-1][-1] <= _GAP:
            out[-1].append(k)
        else:
            out.append([k])
    return out


def _evidence(ctx: Context, k: int, label: str, score: float, owner_reason: str | None) -> Evidence:
    reason = f"model: {label} {score:.2f}" + (f"; {owner_reason}" if owner_reason else "")
    e = ctx.evidence(ctx.utterances[k], reason=reason)
    e.extractor = "model"
    return e


def _item(ctx: Context, label: str, k: int, pred: Prediction,
          confidence: float) -> tuple[Decision | ActionItem | OpenQuestion, str | None] | None:
    """The item an utterance the model flags stands for, and how its owner was found."""
    utt = ctx.utterances[k]
    text = utt.norm or utt.text
    if label == "DECISION":
        return Decision(text=tidy(text), confidence=confidence), None
    if label == "OPEN_QUESTION":
        return OpenQuestion(text=tidy(text), confidence=confidence), None
    task_span = pred.best_span("TASK")
    task = tidy(text[task_span[0] : task_span[1]]) if task_span else tidy(text)
    if not task:
        return None
    owner, reason = _owner(ctx, k, pred, text)
    due = find_due(text, ctx.meeting_date)
    deliverable = pred.best_span("DELIVERABLE")
    collaborators = []
    for s, e, lab, _ in pred.spans:
        if lab == "COLLABORATOR":
            name = ctx.roster.canonical(text[s:e]) or text[s:e].strip()
            if name and name != owner and name not in collaborators:
                collaborators.append(name)
    item = ActionItem(task=task, owner=owner, collaborators=collaborators, confidence=confidence,
                      due=due.due if due else None, due_text=due.text if due else None,
                      deliverable=text[deliverable[0] : deliverable[1]].strip() if deliverable else None)
    return item, reason


def _owner(ctx: Context, k: int, pred: Prediction, text: str) -> tuple[str | None, str | None]:
    span = pred.best_span("OWNER")
    if span is None:
        return None, None
    spoken = text[span[0] : span[1]].strip(" ,，@")
    if _SELF.match(spoken):
        return ctx.speaker_of(k)[0], f"owner: speaker of line {ctx.utterances[k].line}"
    name = ctx.roster.canonical(spoken) or ctx.roster.canonical(_DETERMINER.sub("", spoken))
    if name:
        return name, f"owner: {spoken} named at line {ctx.utterances[k].line}"
    if ctx.roster.is_department(spoken):
        return spoken, f"owner: department {spoken}"
    return None, None
