"""任务分配: action items with owner, collaborators, due date and deliverable, each with its evidence.

A clause with a task verb becomes a candidate when it has an owner (addressee, self-commitment, 由X负责,
a department) and a commitment (a deadline, a commitment cue). Replies that only confirm or move a date
("好的，下周三前给你", "能不能宽限到25号") update the task they answer instead of making a new one;
a later statement overrides an earlier one and both lines stay as evidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ..dates import DueMatch, find_all_due, find_due
from ..owners import TITLES_AFTER
from ..rules import load_lexicon
from ..schema import ActionItem, TaskStatus, Utterance
from ..text import content_grams, first_clause, is_question, split_clauses, tidy
from .context import Context, Sentence

# "那你直接联系厂家，让他们这周五之前过来彻底弄好": what the ones contacted are to do is the same task
_HAVE_THEM = re.compile(r"\s*(?:让|叫|请)(?:他们|她们|他|她|人家|对方)")
# "I'll book the hall and the instructor, and get a date out by January tenth": one task, its date at the end
_AND_THEN = re.compile(r"\s*(?:[Aa]nd|[Aa]nd then|[Tt]hen)\s+(?!we\b|you\b|he\b|she\b|they\b|also\b)[a-z]")
_SEPARATE = re.compile(r"^(?:顺便|另外|同时|还有|再|并且|然后|以及|and also|also)|也")
# A department's name (its verbs are no task verbs: 研发中心, 质量部), after any verb that takes it as object
# ("联系市场部", "问一下市质控中心": the verb stays).
_DEPT_WORD = re.compile(r"((?:联系|通知|对接|沟通|协调|找|跟|和|与|给|让|请|由|向|问|交给|发给|报给)(?:一下)?)?"
                        r"((?:(?![把将被在从])[\u4e00-\u9fff]){1,4}(?:部|组(?![织长员建])|中心|团队))")
# A request asked as whether it can be done: the ask is no part of the task
_CAN_YOU = re.compile(r"(?:能不能|能否|(?<!不)能|可不可以)(?=[\u4e00-\u9fff]{1,8}(?:吗|么)?[？?]?\s*$)|(?<=[\u4e00-\u9fff])(?:吗|么)[？?]?\s*$")
# A date that describes something ("7月15号到18号那几趟车", "今天这些调整", "月底的数据", "年底到期的会员") is not a
# deadline.
_ATTRIBUTIVE_AFTER = re.compile(r"^(?:的|那|这|之间|期间|以来|到\S{0,6}(?:号|日)|(?:到期|过期|开始|结束|开业|上线|入职|举行|召开)的)")
_CLOSING_AFTER = re.compile(r"^(?:的会|开会)?(?:差不多|先|就|暂时|也)*(?:到这|这些|这样|这么多|散会)")  # "那今天差不多就这些"
_PERIOD_KINDS = frozenset({"QUARTER", "MONTH_PERIOD", "HALF"})
_PERIOD_AS_DEADLINE = re.compile(r"^(?:前|之前|以前|内|底|末|结束|把|吧|[，,。！!.?？]|\s*$|完成|上线|搞定|做完|交)")
_DEADLINE_CUE = re.compile(r"前|之前|以前|内|截止|by|before|until|within|no later|give (?:me|us)", re.I)
_IT = re.compile(r"\b(?:it|that|this|them)\b|它|这个|那个", re.I)
_STILL_TO_DO = re.compile(r"\b(?:need to|have to|got to|still have|must)\b|还要|还得|还需要|要先", re.I)
_SELF_SUBJECT = re.compile(r"^\s*(?:(?:那|好|行|嗯|没问题)[，,\s]*)?(?:我们?|咱们)(?:这边|那边)?(?:来|去|会|先|就|保证|争取|一定|尽量|打算|准备|计划)*(?:负责(?=在|把|将))?在?(?=\S)")
_LEAD = re.compile(r"牵头|负责|你来|you (?:lead|own)", re.I)
_NOT_SUBJECT_BEFORE = re.compile(
    r"(?:给|跟|和|与|找|向|问|发给|交给|通知|告诉|帮|替|@所有人)$|\b(?:to|with|for|from|by|cc|and|ask|tell|let|thank|thanks)\s*$",
    re.I)
_ACK_THEN_NAME = re.compile(r"^(?:好的?|好嘞|行|收到|嗯|OK|ok|没问题|可以|明白)[，,！!\s]*$")
_GREETED = re.compile(r"(?:^|[.!?]\s*)(?:thanks|thank you|cheers|hi|hey|morning)[,!\s]*$", re.I)
_NOT_SUBJECT_AFTER = re.compile(r"^(?:的|说|觉得|提到|刚才|之前|那边说|讲|said|says|thinks|'s)")
# English asks with "when" put as a question, not "when you get a minute, can you…"
_ASK_WHEN = re.compile(r"什么时候|多久|几号|哪天|能不能.{0,10}前|\bwhen(?=\s*\?)|\bwhen(?:'s| (?:can|could|will|would|do|does|"
                       r"is|are|should|shall|might)\b)|by when|how long|how soon", re.I)
# Unpunctuated speech asks by its words alone: "那罗晶 你哪天能把菜都做一遍"
_ASKS_WHEN_ZH = re.compile(r"(?:什么时候|哪天|几号)(?:能|可以|会|给|出|交)")
_AGREES = re.compile(r"^\s*(?:(?:sure|ok(?:ay)?|yes|yep|yeah|fine|no problem|of course)\b|好的?|行|可以|没问题)", re.I)
_MUST = re.compile(r"(?:也|还|都)?(?:要|得|需要|必须)(?:搞|做|弄|办|安排|组织|准备|考|报|交|出)")
# "Frank, yeah. I'll call him today…" / "Next Tuesday works. I'll confirm…": the one asked says yes, then how
_AGREED_AFTER = re.compile(r"^[^.?!]{0,30}?(?:,\s*(?:yeah|yes|yep|sure|okay|ok)|\b(?:works|is fine|sounds good|no problem))[.!]?$", re.I)
_DO_THAT = re.compile(r"^(?:(?:do|handle|take care of|sort out|tackle) (?:that|it|this|those|them)|(?:set|write) (?:that|it|this) up)\b",
                      re.I)
_NEED = re.compile(r"\b(?:(?:we|you|someone|somebody|it|they) (?:really )?(?:need|needs|should|have to|has to|must)(?: to)? "
                   r"(?P<what>(?:a|an|the|to|some)\b[^.?!]{6,80})|I(?:'d)? (?:want|like) (?P<who>(?:every|all|each|the)\b[^.?!]{6,80})"
                   r"|\b(?:asked for|requested) (?P<asked>[^.?!]{6,60}?)(?= after\b| because\b| since\b|[.?!]|$)"
                   r"|(?P<due>\b(?:the|our|a) [^.?!,]{3,40}?) (?:is|are) due\b)", re.I)
_URGE = re.compile(r"\s*(?:抓紧|赶紧|尽快|快点)[，,]")
_NAMES_A_SUBJECT = re.compile(r"[我你您他她它谁]|咱|大家|各位|哪位")
_LEAD_IN = re.compile(r"\s*(?:那|好|行|对了|and|so|ok|okay|also)?\s*@?", re.I)
_ASK_WHO = re.compile(r"谁(?:来|负责|跟|去|牵头|能|可以)|who(?:'s| is| will| can| wants to)\b|anyone (?:take|own|want)", re.I)
_WEAK_NOISE = re.compile(
    r"我们|你们|我|你|他|她|这边|那边|这个|那个|一下|一版|肯定|没问题|可以|好的?|行吧?|嗯|对|吧|了|啊|呢|"
    r"给|发|出|交|做|弄|来|去|跟|前|之前|以前|尽量|争取|一定|保证|尽快|抓紧|推进|定|就|能|会|再|先|拿到|当天|应该|肯定|马上|"
    r"今晚|加个?班|收到|没问题|发群里|群里|[，,。！!？?\s…~～]|"
    r"\b(?:i'll|i will|will|do|done|ready|finished|by|on|for|please|sure|yes|yep|ok|okay|thanks|it|that|this|then|"
    r"can|could|i|you|me|have|get|the|a|works?|fine|good|great|them|him|her)\b",
    re.I,
)


class _Asked(NamedTuple):
    """A question still waiting for the one who takes the task ("谁来带？", "When can you have it?")."""

    index: int  # the utterance that asked
    text: str  # what the task is about
    owner: str | None  # who was asked, when one person was
    due: DueMatch | None = None  # a deadline the asker gave with it ("谁来带？下周五前要把手册整理出来")
    request: bool = False  # a task asked for with nobody named ("物理的卷子也是4月15号前交给我"): who says yes takes it
    stated: bool = False  # work stated with a deadline and nobody named ("那两台车15号前做一次全面保养"): who takes
    # it up in the next line, naming it ("保养这个我来安排"), takes its date too


class _Owner(NamedTuple):
    """Who holds a task and how we know (the reason goes into the evidence)."""

    name: str | None
    reason: str
    by_speaker: bool  # the speaker committed themself (我来/我这边/I'll)
    kind: str  # self | you | name | delegate | dept | continued


# "本部我去" / "苏州罗斌你去": one part of the work asked about, and who goes
_PART_TAKEN = re.compile(r"^(?P<part>[^\s，,。！？!?…]{1,8}?)[…\s]*(?P<who>[^\s，,。！？!?…]{1,4}?)你?(?:来|去)吧?$")
_PART_I_TAKE = re.compile(r"^(?P<part>[^\s，,。！？!?…]{1,8}?)[…\s]*我(?:来|去)吧?$")
_TAKES_IT = re.compile(r"(?:那)?(?:这个|这块|这件事|这事|这个事)?(?:就)?(?:我来|我去|我负责|交给我)(?:吧|办|跑|弄)?")
_TOPIC_TAKEN = re.compile(r"[^\s，,。！？!?]{1,6}?(?:我来|我去|交给我)吧?")  # "群演我来吧": a topic, then who takes it
_TITLED = re.compile(r"^(?:[小老](?P<a>[\u4e00-\u9fff])|(?P<b>[\u4e00-\u9fff])(?:" + "|".join(TITLES_AFTER) + "))$")
_TO_ME = re.compile(r"(?:给|交|发|送|到)(?:到)?我(?:这|这里|这边)?(?=$|[，,。！!\s吧])")  # "…4月15号前交给我": asked of others
_SAME_TIME = re.compile(r"\b(?:on|by|with|in) the same (?:timeline|time ?frame|schedule|deadline|date|day)\b|"
                        r"\bsame (?:timeline|deadline)\b|(?:(?:跟|和|与)(?P<what>[^\s，,。]{1,8}?))?同一?(?:天|时间|时候)(?:给|交|出|完成)", re.I)
_STARTS = re.compile(r"开始|着手|先弄|先做|\b(?:start|begin|get going)\b", re.I)
_CORRECTION = re.compile(r"哦|噢|不对|不是|啊不|算了|还是|那就?|actually|wait|no,", re.I)  # a date said again
_ONLY_THEN = re.compile(r"才(?:能|可以|行|有空|出)")  # "得后天才能出": the date it can be done by


@dataclass
class _Candidate:
    item: ActionItem
    index: int  # utterance index where it was last touched
    owner_speaker: bool = False
    words: set[str] = field(default_factory=set)
    generic: bool = False  # its own words name little beyond a verb ("我这边得评估一下")
    declined: bool = False  # its owner said they cannot take it
    declined_at: int = -1  # the utterance where they said so
    offered: DueMatch | None = None  # the later date they offered instead ("给我的话得下周了"), if nobody takes it


def _names_new_work(clause: str, due_text: str | None, task: str) -> bool:
    """Whether a clause says more than "I'll do it by then" about `task`: four or more Chinese characters
    that are neither filler (_WEAK_NOISE) nor in the task ("我来联系市场部" after "把扩容方案发给大家")."""
    rest = _WEAK_NOISE.sub("", clause.replace(due_text, "") if due_text else clause)
    return len([ch for ch in re.findall(r"[\u3400-\u9fff]", rest) if ch not in task]) >= 4


_FILLER = re.compile(r"[嗯呃啊哦噢那这个呢吧么吗嘛件事块…．.，,。？?！!\s]|^(?:so|ok|okay|and)\b", re.I)


def _names_something(asked: str) -> bool:
    """Whether what a 谁-question asks about is more than fillers ("那这个谁去呢" names nothing)."""
    return len(_FILLER.sub("", asked)) >= 2


def _mask_department(m: re.Match) -> str:
    return (m.group(1) or "") + "＿" * len(m.group(2))


def _bigrams(text: str) -> set[str]:
    return content_grams(text)


class _ActionExtractor:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.rules = ctx.rules
        self.items: list[_Candidate] = []
        self.last_touched: _Candidate | None = None
        self.pending_question: _Asked | None = None
        self._deadlines: dict[str, object] = {}
        self._turn_facts: dict[int, tuple[bool, bool]] = {}  # utterance -> (a summary, a sentence that agrees)
        self._needs: dict[tuple[int, int], tuple[str, str] | None] = {}  # (utterance, sentence offset) -> need said

    # -- owners ---------------------------------------------------------------------------------------
    def _addressee_before(self, utt_index: int, sentence: Sentence, upto: int) -> tuple[str, str] | None:
        """The last person named as addressee in this utterance before position `upto` of the sentence."""
        ctx = self.ctx
        utt = ctx.utterances[utt_index]
        found = None
        for s in ctx.sentences[utt_index]:
            limit = upto if s is sentence else len(s.text)
            if s.offset > sentence.offset:
                break
            for m in ctx.roster.find(s.text[:limit]):
                if m.name == utt.speaker:
                    continue
                before, after = s.text[: m.start].rstrip(), s.text[m.end :]
                at = before.endswith("@") or _GREETED.search(before)  # "Thanks Ruth. …can you send…": Ruth
                if not at and (_NOT_SUBJECT_BEFORE.search(before) or _NOT_SUBJECT_AFTER.search(after)):
                    continue
                called = bool(re.match(r"\s*(?:[，,:：]|你|您)", after))
                if called or found is None or not found[2]:
                    # "杰哥，小峰烫发还不太行，…你带他练熟": the one called by name, not the one talked about
                    found = (m.name, f"addressed in line {utt.line}", called)
        return found[:2] if found else None

    def _vocative_at_end(self, utt_index: int, sentence: Sentence) -> tuple[str, str] | None:
        """The person a request ends by naming: "Please send me the deck by Friday, Bob." """
        utt = self.ctx.utterances[utt_index]
        for m in self.ctx.roster.find(sentence.text):
            if m.name != utt.speaker and re.search(r"[,，]\s*$", sentence.text[: m.start]) \
                    and not re.search(r"\w", sentence.text[m.end :]):
                return m.name, f"addressed in line {utt.line}"
        return None

    def _owner(self, i: int, s: Sentence, clause_off: int, clause: str, verb_pos: int,
               task_clauses: tuple[int, ...] = ()):
        """(owner, reason, speaker_owned, kind) for a clause, from the cue nearest before its verb.

        A cue in an earlier clause of the sentence counts only when that clause is nothing but the cue
        ("那王强，…", "这个我来，…") or already made a task (continuation)."""
        ctx, rules = self.ctx, self.rules
        utt = ctx.utterances[i]
        upto = clause_off + verb_pos
        prefix = s.text[:upto]
        spans = split_clauses(s.text)

        def usable(pos: int, cue: str) -> bool:
            if pos >= clause_off:
                return True
            for off, text in spans:
                if off <= pos < off + len(text):
                    rest = tidy(text.replace(cue, "", 1).replace("@", ""))
                    return (off in task_clauses or len(re.sub(r"这个|那个|这件事|这块|那就|我|你|尽量|争取|保证|一定", "", rest)) <= 1
                            or bool(_TOPIC_TAKEN.fullmatch(tidy(text))))  # "群演我来吧，…，下周一前把名单给你们"
            return False

        cues: list[tuple[int, str, str | None, str]] = []  # (position, kind, owner, reason)
        for m in ctx.roster.find(prefix):
            if m.name == utt.speaker:
                continue
            before, after = prefix[: m.start].rstrip().removesuffix("@").rstrip(), s.text[m.end :]
            if _NOT_SUBJECT_BEFORE.search(before) or _NOT_SUBJECT_AFTER.search(after):  # "发给@Coco": who gets it
                continue
            if _ACK_THEN_NAME.match(before) and re.match(r"\s*[，,]", after):
                continue  # "好的陈姐，今天中午前发": who the speaker answers, not who does it
            if not before.strip() and re.match(r"\s*[，,]\s*(?:我(?!们)|I\b(?!'ll| will))", after):
                continue  # "邓馆，我插一句，…也要搞", "Gail, I love you, but I'm…": who the speaker talks to
            if usable(m.start, prefix[m.start:m.end]):
                cues.append((m.start, "name", m.name, f"addressed by name in line {utt.line}"))
        for label, kind in (("SELF", "self"), ("ADDRESS", "you"), ("DELEGATE", "delegate"), ("DEPT", "dept")):
            for rule in rules.by_kind["action"]:
                if rule.label != label:
                    continue
                for m in rule.pattern.finditer(s.text[: clause_off + len(clause)]):
                    if m.start() > upto + 4 and kind not in ("self", "you"):
                        continue
                    who = None
                    if kind == "delegate":
                        spoken = m.groupdict().get("owner") or m.groupdict().get("owner2")
                        who = self._person_or_department(spoken)
                        if who is None:
                            continue
                    if kind == "dept":
                        who = re.split(r"[由把和跟与的在是让请给]", m.group("dept"))[-1]
                        if any(who in n or n in who for n in (utt.speaker or "",)):
                            continue
                    pos = m.start() + (1 if kind == "self" and m.group(0)[:1] in "，,。 " else 0)
                    if kind in ("self", "dept") and not usable(pos, m.group(0).strip("，,。 ")):
                        continue
                    cues.append((pos, kind, who, ""))
        if not cues:
            prev = ctx.previous_speaker(i)
            if (ctx.lang == "zh" and prev is not None and (is_question(clause) or _URGE.match(s.text))
                    and self._deadline(clause) is not None and not _NAMES_A_SUBJECT.search(clause)):
                # "抓紧，这个月底前把名报上": urged on, the one just spoken with
                # "仓库的配件好久没盘了" — "那这周盘一下？": a request to the one who raised it, by a date
                return _Owner(prev.speaker, f"asked in reply to line {prev.line}", False, "you")
            return None
        cues.sort(key=lambda c: c[0])
        before_verb = [c for c in cues if c[0] <= upto] or cues
        pos, kind, who, reason = before_verb[-1]
        if kind == "dept" and who.startswith(("你", "我")):
            kind = "self" if who.startswith("我") else "you"
        elif kind == "dept" and s.text[:pos].endswith(("我们", "咱们")):
            kind = "self"  # "还是我们医务科来做": the speaker's own department takes it, so the speaker does
        if kind == "self":
            speaker, how = ctx.speaker_of(i)
            return _Owner(speaker, how, True, kind)
        if kind == "you":
            named = self._addressee_before(i, s, pos) or self._vocative_at_end(i, s)
            if named:
                return _Owner(named[0], named[1], False, "name")
            prev = ctx.previous_speaker(i)
            if prev is not None:
                return _Owner(prev.speaker, f"addressed in reply to line {prev.line}", False, kind)
            named = self._vocative_before(i)
            if named:
                return _Owner(named[0], named[1], False, "name")
            return None
        if kind == "name":
            return _Owner(who, reason, False, kind)
        if kind == "delegate":
            return _Owner(who, f"named as responsible in line {utt.line}", False, kind)
        if kind == "dept":
            return _Owner(who, f"department named in line {utt.line}", False, kind)
        return None

    # -- the pass -------------------------------------------------------------------------------------
    def run(self) -> list[ActionItem]:
        ctx = self.ctx
        for i, utt in enumerate(ctx.utterances):
            if self._reassign(i, utt):
                continue
            created = self._utterance(i, utt)
            if not created:
                self._follow_up(i, utt)
        for cand in self.items:
            if cand.declined and cand.offered is not None:  # nobody took it: it stays, on the date offered
                self._set_due(cand, cand.offered, ctx.utterances[cand.declined_at])
        return [c.item for c in self.items]

    def _deadline_cued(self, text: str) -> bool:
        """`text` names a deadline as one (7月10号前, 这周内, by Friday), not just a day."""
        m = self._deadline(text)
        return m is not None and bool(_DEADLINE_CUE.search(text[m.start : m.end + 2]))

    def _recent_task(self, i: int) -> bool:
        """A task was set or touched in the last three utterances."""
        last = self.last_touched
        return last is not None and 0 <= i - last.index <= 3

    def _due(self, clause: str, fallbacks: tuple[tuple[str, int], ...] = (), owner: str | None = None,
             claimed: dict | None = None):
        """The deadline of a clause, else one stated elsewhere in its sentence or utterance that no other
        owner's task has claimed. `fallbacks` are (text, offset in the utterance)."""
        m = self._deadline(clause)
        if m is not None:
            return m
        same = _SAME_TIME.search(clause)
        last = self.last_touched
        if same and same["what"]:  # "跟海报同一天给": the task named
            last = next((c for c in reversed(self.items) if same["what"] in c.item.task), None)
        if same and last is not None and last.item.due is not None:
            # "I'll do the revised sprinkler layout on the same timeline": the deadline of the task just set
            return DueMatch(same.group(0), same.start(), same.end(), last.item.due, "SAME_AS", None)
        for n, (text, base) in enumerate(fallbacks):
            m = self._deadline(text)
            if m is None:
                continue
            if n > 0 and not _DEADLINE_CUE.search(text[max(0, m.start - 3) : m.end + 2]):
                continue  # a date elsewhere in the message counts only if it reads as a deadline
            holder = (claimed or {}).get(base + m.start)
            if holder is not None and holder != owner:
                continue
            full, full_base = fallbacks[-1]
            return self._corrected(full, m, base + m.end - full_base)
        return None

    def _corrected(self, text: str, m: DueMatch, end: int) -> DueMatch:
        """The deadline `m` (ending at `end` in `text`), or the one that corrects it later in `text`
        ("月底前……哦，月底就后天了，那3月7号之前查完")."""
        later = [d for d in find_all_due(text, self.ctx.meeting_date)
                 if d.start >= end and d.due and _DEADLINE_CUE.search(text[d.start : d.end + 2])]
        if later and _CORRECTION.search(text[end : later[0].start]):
            return later[0]
        return m

    def _deadline(self, text: str):
        if text not in self._deadlines:
            self._deadlines[text] = self._find_deadline(text)
        return self._deadlines[text]

    def _find_deadline(self, text: str):
        m = find_due(text, self.ctx.meeting_date)
        if m is not None and m.kind in _PERIOD_KINDS and not _PERIOD_AS_DEADLINE.match(text[m.end :]):
            # "Q2到期客户的名单": a period that describes something; another date may be the deadline
            others = [x for x in find_all_due(text, self.ctx.meeting_date) if x.start != m.start]
            m = others[0] if others else None
        if m is None or _ATTRIBUTIVE_AFTER.search(text[m.end :]) or _CLOSING_AFTER.match(text[m.end :]):
            return None
        if re.search(r"(?:号|日|\d)\s*(?:到|至|-|~)\s*$", text[: m.start]):
            return None  # the end of a range
        return m

    def _without_vocative(self, text: str) -> str:
        """The text without the name an opening OK addresses ("好的陈姐，今天中午前发" → "好的，今天中午前发")."""
        first = first_clause(text)
        for m in self.ctx.roster.find(first):
            if _ACK_THEN_NAME.match(first[: m.start].rstrip()) and not first[m.end :].strip(" ，,"):
                return text[: m.start] + text[m.end :]
        return text

    def _is_weak(self, text: str, owner: str | None, due_text: str | None) -> bool:
        t = text
        if due_text:
            t = t.replace(due_text, "")
        if owner:
            t = t.replace(owner, "")
        t = _WEAK_NOISE.sub(" ", t)
        cjk = len(re.findall(r"[\u3400-\u9fff]", t))
        latin_words = len(re.findall(r"[A-Za-z]{3,}", t))
        return cjk + 2 * latin_words < 2

    def _utterance(self, i: int, utt: Utterance) -> bool:
        ctx, rules = self.ctx, self.rules
        full = utt.norm or utt.text
        created_any = False
        claimed: dict[int, str | None] = {}  # utterance offset of a due phrase -> owner whose clause states it
        for s in ctx.sentences[i]:
            for off, clause in split_clauses(s.text):
                m = self._deadline(clause)
                if m is not None:
                    holder = self._owner_hint(i, s, off, clause)
                    claimed[s.offset + off + m.start] = holder
        last = self.last_touched
        if (last is not None and last.declined and 0 < i - last.index <= 2 and utt.speaker
                and utt.speaker != last.item.owner and (rules.has("action", full, "VOLUNTEER")
                                                         or self._handed_to(last, utt)
                                                         or self._takes_it_by_name(last, full))):
            # "实在走不开" … "我去吧，…我封完箱就过去": the declined task goes to who volunteers, or to
            # whom the one declining asked ("I'm swamped. Sam, could you do it?" — "Sure, I'll put in the order")
            self._take_over(last, utt.speaker, i, utt, self._deadline(full))
            return True
        opening = ctx.sentences[i][0].text if ctx.sentences[i] else ""
        if opening and (rules.has("action", opening, "IDEA") or any(
                h.rule.params.get("whole_turn") for h in rules.hits("decision", opening, "PROPOSAL"))):
            return False  # "我的意见是，…自己掏钱的客户，你给他报两个价": an idea put to the meeting, not work handed out
        for s in ctx.sentences[i]:
            if rules.has("action", s.text, "OFFER") or rules.has("action", s.text, "GOODBYE"):
                continue  # "if you need anything, let me know": help offered, nobody committed; "下周见，…"
            s_is_q = is_question(s.text)
            if (rules.has("action", s.text, "DECLINE") and not rules.has("action", s.text, "TAKE_BACK")) \
                    or rules.has("action", s.text, "NOT_MY_CALL"):
                continue  # "…实在走不开": why they cannot, not a task; "两三万得跟董事会报，做不了主": not theirs to decide
            prev: _Candidate | None = None
            attached: _Candidate | None = None  # the task a short commitment in this sentence took on
            unowned = None  # (offset, clause, verb hit) of work stated in this sentence that nobody holds yet
            task_offsets: list[int] = []
            for off, clause in split_clauses(s.text):
                if rules.has("action", clause, "ACK"):
                    continue
                if self._shared_out(i, utt, clause):  # "监盘谁去？" — "本部我去，苏州罗斌你去"
                    created_any = True
                    continue
                if _ASK_WHO.search(clause) and (s_is_q or "谁" in clause):
                    # "支付回调那个谁来看？": whoever answers "我来/我看吧" takes it
                    # the question up to the clause asking who: "那这个谁去呢，海燕你手上事太多了" asks nothing more
                    asked = re.sub(r"[弄做写看跟搞出查带]$", "", tidy(_ASK_WHO.sub("", tidy(s.text[: off + len(clause)]))))
                    self.pending_question = _Asked(i, tidy(asked) or tidy(clause), None)
                    continue
                if is_question(clause) and _ASK_WHEN.search(clause) and _IT.search(clause) \
                        and not rules.has("action", clause, "TASK_VERB"):
                    # "When can you have it?" — 'it' is what the person just answered said they still have to do
                    prev_utt = ctx.previous_speaker(i)
                    said = [x.text for x in ctx.sentences[prev_utt.index]
                            if not is_question(x.text) and _STILL_TO_DO.search(x.text)] if prev_utt else []
                    if said:
                        self.pending_question = _Asked(i, tidy(said[-1]), prev_utt.speaker)
                        continue
                masked = _DEPT_WORD.sub(_mask_department, clause)
                verb = rules.first("action", masked, "TASK_VERB")
                if verb is not None and prev is not None and _LEAD.search(clause) and \
                        not rules.first("action", _LEAD.sub("", masked), "TASK_VERB"):
                    verb = None  # "…出一份整改报告，@何建国 你牵头": who leads the task just stated
                if not verb and ctx.lang == "en" and rules.has("action", masked, "ANAPHOR_VERB") \
                        and self._need_before(i, s) is not None:
                    verb = rules.first("action", masked, "ANAPHOR_VERB")  # "…we need X. Tommy, can you do that?"
                if not verb and rules.has("action", masked, "WEAK_VERB") and self._deadline(clause) is not None:
                    verb = rules.first("action", masked, "WEAK_VERB")  # "I'll line up the vendors by Friday"
                if self._assigned(i, utt, clause, s, off):  # "那就何佳带" / "那韩老师做": who takes the task discussed
                    created_any = True
                    continue
                asked = self.pending_question
                if (asked is not None and asked.owner is None and not asked.request and 0 < i - asked.index <= 2
                        and rules.has("action", clause, "VOLUNTEER") and utt.speaker
                        and utt.speaker != ctx.utterances[asked.index].speaker
                        and not any(rules.has("action", c, "TASK_VERB") and not rules.has("action", c, "PAST")
                                    for _, c in split_clauses(full) if c != clause)
                        and self._answer_question(i, utt, None, volunteered=True)):
                    created_any = True  # "活动方案谁来写一下？" — "我来吧"
                    continue
                if not verb:
                    if prev is None and unowned is not None and _TAKES_IT.fullmatch(tidy(clause)) and utt.speaker:
                        # "暑期开放要报备，这个我来，他们说7月份之内交材料就行": the work just stated, taken on
                        w_off, w_clause, w_verb = unowned
                        owner = _Owner(utt.speaker, f"speaker of line {utt.line}", True, "self")
                        due = self._deadline(s.text)
                        prev = self._new(i, utt, s, w_clause, self._task_text(w_clause, None, due.text if due else None),
                                         owner, due, w_verb.rule.id)
                        task_offsets.append(w_off)
                        created_any = True
                        unowned = None
                        continue
                    if prev is not None and _LEAD.search(clause):
                        lead = self._owner(i, s, off, clause, len(clause), tuple(task_offsets))
                        if lead and lead[3] in ("name", "delegate"):  # "质量部…出整改报告，@何建国 你牵头"
                            prev.item.owner = lead[0]
                            prev.item.evidence[0].reason = f"owner: {lead[1]}"
                    continue
                if any(rules.has("action", clause, label) for label in ("PAST", "NEGATED", "DECLINE", "IN_MEETING")):
                    continue
                past_le = rules.first("action", clause, "PAST_LE")
                if past_le is not None and "把" not in clause[: past_le.match.start()]:
                    continue
                if rules.has("open_question", clause, "DEFER"):
                    continue
                if s_is_q and (rules.has("action", s.text, "RESCHEDULE") or rules.has("action", s.text, "DECLINE")) \
                        and (self._recent_task(i) or not (rules.has("action", clause, "SELF")
                                                          or rules.has("action", clause, "ADDRESS"))):
                    # a date asked for a task just set; with none, "我下周三之前把展签定稿，可以吗？" offers one and
                    # "马老师那你列个耗材清单给我吧，这周五前给我行吗" asks for one
                    continue
                if rules.has("action", clause, "HYPOTHETICAL") and not rules.has("action", clause, "ADDRESS"):
                    continue
                collab = rules.first("collaborator", clause, "COLLAB")
                if collab is not None and len(tidy(clause[: collab.match.start()])) == 0 \
                        and not rules.has("action", clause, "SELF"):
                    last = self.last_touched
                    if last is not None and 0 < i - last.index <= 2 and last.item.owner != utt.speaker:
                        # "何文你一周内把个案分析交到护理部" … "这样，丽娟你帮她一起写": the helper joins it
                        self._touch(last, i, utt, None, f"collaborator named in line {utt.line}")
                    continue  # "刘洋到时候配合一下": the collaborator of the task before
                starts = [m.start() for r in rules.by_kind["action"] if r.label in ("TASK_VERB", "WEAK_VERB")
                          for m in r.pattern.finditer(masked)] or [verb.match.start()]
                # Chinese puts the subject before the main (last) verb; English objects follow the first verb
                verb_at = max(starts) if ctx.lang == "zh" else min(starts)
                owner = self._owner(i, s, off, clause, verb_at, tuple(task_offsets))
                if rules.has("decision", clause, "PROPOSAL"):
                    continue  # "我建议…" proposes; the decision or task comes later
                clause_q = is_question(clause) or (s_is_q and clause is s.text) or bool(_ASKS_WHEN_ZH.search(clause))
                if clause_q or (s_is_q and _ASK_WHEN.search(clause)) or _ASK_WHO.search(clause):
                    if _ASK_WHEN.search(s.text) or _ASK_WHEN.search(clause) or _ASK_WHO.search(clause):
                        who = None if _ASK_WHO.search(clause) else (owner[0] if owner else None)
                        text_q = _ASK_WHO.sub("", tidy(s.text)) if _ASK_WHO.search(clause) else tidy(clause)
                        self.pending_question = _Asked(i, tidy(text_q) or tidy(clause), who)
                        continue
                    if rules.has("action", clause, "FEASIBILITY") and not self._deadline_cued(clause):
                        continue  # "何总今天能上线吗": where it stands; not "三件绣片7月10号前能弄完吗？"
                    assign = rules.has("action", clause, "ADDRESS") or (owner is not None and not owner[2]) \
                        or (owner is not None and owner[2] and rules.has("action", clause, "SELF_OFFER"))
                    if not assign:
                        continue
                due = self._due(clause, ((s.text, s.offset), (full, 0)), owner[0] if owner else None, claimed)
                committed = (due is not None or prev is not None or rules.has("action", clause, "COMMIT")
                             or (owner is not None and owner[3] == "name")
                             or (owner is not None and not owner[2] and rules.has("action", clause, "ADDRESS"))
                             or rules.has("action", s.text, "SELF") or rules.has("action", clause, "DELEGATE"))
                if owner is None and prev is not None:
                    owner = _Owner(prev.item.owner, "continues the task before", prev.owner_speaker, "continued")
                asked = self.pending_question
                if owner is None and asked is not None and asked.index == i and asked.owner is None:
                    # "新员工培训谁来带？下周五前要把培训手册整理出来": what whoever takes it is to do, and by when
                    sep = "，" if ctx.lang == "zh" else ", "
                    self.pending_question = asked._replace(text=f"{asked.text}{sep}{tidy(clause)}", due=asked.due or due)
                    continue
                last = self.last_touched
                if owner is None and due is not None and due.text in clause and _TO_ME.search(clause) \
                        and last is not None and i - last.index == 1 and last.item.owner \
                        and last.item.owner != utt.speaker and last.item.due is None:
                    # "活动方案谁来写一下？" — "我来吧" — "好，一个月内给我": when the one who asked wants it
                    self._touch(last, i, utt, due, f"due set by {utt.speaker} in line {utt.line}")
                    created_any = True
                    continue
                if owner is None:
                    if not clause_q:
                        unowned = (off, clause, verb)
                    if due is not None and due.text in clause and not clause_q and not rules.hits("decision", clause):
                        at = clause.find(due.text)
                        if (utt.speaker and _TO_ME.search(clause) and (asked is None or asked.index < i)
                                and _DEADLINE_CUE.search(clause[max(0, at - 3) :][: len(due.text) + 6])):
                            self.pending_question = _Asked(i, tidy(clause), None, due, request=True)
                        elif (asked is None or i - asked.index > 2) and _DEADLINE_CUE.search(clause[at:][: len(due.text) + 3]):
                            self.pending_question = _Asked(i, tidy(clause), None, due, request=True, stated=True)
                    continue  # a task nobody holds is not an assignment, unless someone says yes to it
                if not committed:
                    continue
                if prev is not None and prev is attached and owner.kind == "continued":
                    # "可以，我周末弄，下周一发群里": the last step of the task just taken on gives its date
                    if due is not None and due.due and (prev.item.due is None or due.due > prev.item.due):
                        self._set_due(prev, due, utt)
                    prev.words |= _bigrams(clause)
                    task_offsets.append(off)
                    continue
                text = self._task_text(clause, owner[0] if owner else None, due.text if due else None)
                if prev is not None and (owner is None or owner[0] == prev.item.owner) and (
                        _HAVE_THEM.match(clause) or (ctx.lang == "en" and _AND_THEN.match(clause)) or not (
                        _SEPARATE.search(clause)
                        or (self._has_topic(clause[: verb.match.start()], owner, due) and due is not None
                            and due.text in clause)
                        or (due is not None and due.text in clause and prev.item.due_text
                            and due.text not in prev.item.due_text))):
                    prev.item.task = f"{prev.item.task}，{text}" if ctx.lang == "zh" else f"{prev.item.task}, {text}"
                    prev.words |= _bigrams(clause)
                    if due is not None and not prev.item.due_text:
                        self._set_due(prev, due, utt)
                    self._deliverable(prev, clause)
                    task_offsets.append(off)
                    continue
                if owner is not None and owner[2] and owner[0] is None:
                    # unlabelled speech: "好我下周三之前写完发出来" answers the task just assigned
                    last = self.last_touched
                    if last is not None and i - last.index <= 2 and (
                            len(_bigrams(clause) & last.words) >= 2
                            or (not self._has_topic(clause[: verb.match.start()], owner, due)
                                and not _names_new_work(clause, due.text if due else None, last.item.task))):
                        self._touch(last, i, utt, due, "confirmed in the next line")
                        created_any = True
                        continue
                if (owner is None or owner[2]) and self._is_weak(clause, owner[0] if owner else None,
                                                                 due.text if due else None):
                    if self._attach_weak(i, utt, owner, due):
                        created_any = True
                        attached = prev = self.last_touched
                    elif owner is not None and owner[0] and due is not None and ctx.lang == "zh":
                        # "吊完忘了装回去。我今天下班前装好": the verb's object was said just before
                        said = self._object_before(i, s, verb.match.group(0)[0])
                        topic = self._topic_before(s.text, off, task_offsets) if said is None else None
                        if said is not None:
                            prev = self._new(i, utt, s, clause, f"{said[1]}：{text}", owner, due, verb.rule.id)
                            if said[0] != i:
                                prev.item.evidence.insert(0, ctx.evidence(ctx.utterances[said[0]],
                                                                          reason="what the task is about"))
                            task_offsets.append(off)
                            created_any = True
                        elif topic is not None and len(_WEAK_NOISE.sub("", topic)) >= 3:
                            # "还有五一的值班表，我这周日前排出来发群里": the clause before names what it is
                            prev = self._new(i, utt, s, clause, f"{topic}，{text}", owner, due, verb.rule.id)
                            task_offsets.append(off)
                            created_any = True
                    continue
                if ctx.lang == "en" and _DO_THAT.search(text):
                    need = self._need_before(i, s)
                    if need is not None:  # "we need a full acid clean on both of them. Tommy, can you do that?"
                        text, due = need[0], due or self._deadline(need[1])
                raised = None
                short_zh = ctx.lang == "zh" and len(re.sub(r"[^\u3400-\u9fff]", "", _WEAK_NOISE.sub("", text))) < 4
                last = self.last_touched
                if owner is not None and not owner[2] and owner[0] and short_zh and last is not None \
                        and 0 < i - last.index <= 3 and last.item.owner not in (None, owner[0]) \
                        and not is_question(clause) and any(
                            u.speaker == owner[0] and rules.has("action", u.norm or u.text, "SELF")
                            for u in ctx.utterances[last.index + 1 : i]):
                    # "台账你整理一下" — "我没有权限" — 丽萍: "我来弄吧" — "那行，丽萍你弄，下周三给我": it changes hands
                    last.item.owner = owner[0]
                    self._touch(last, i, utt, due, f"owner: {owner[0]}, named in line {utt.line}")
                    prev = last
                    task_offsets.append(off)
                    created_any = True
                    continue
                if owner is not None and not owner[2] and owner[0] and short_zh:
                    raised = self._raised_by(i, owner[0])
                if raised is not None:
                    # "救生员的岗前培训跟考核也要搞，…我想放在下下周三" — "可以，你来组织": the work they raised
                    j, said = raised
                    cand = self._new(i, utt, s, clause, f"{said}，{text}", owner,
                                     due or self._deadline(ctx.utterances[j].norm or ctx.utterances[j].text),
                                     verb.rule.id)
                    cand.item.evidence.insert(0, ctx.evidence(ctx.utterances[j], reason="work raised"))
                    cand.words |= _bigrams(said)
                    prev = cand
                    task_offsets.append(off)
                    created_any = True
                    continue
                topic = self._topic_before(s.text, off, task_offsets)
                short = len(re.sub(r"[^\u3400-\u9fffA-Za-z]", "", _WEAK_NOISE.sub("", text))) < 4
                # "学院要的年度报告，下个月10号前要交": a short clause is about the topic said before it
                cand = self._restated(i, utt, f"{topic}，{clause}" if topic and short else clause, owner, due)
                if cand is None:
                    if topic and (short or _LEAD.search(clause)):
                        # "渠道返点的方案，李雷你牵头": the object was said first
                        text = f"{topic}，{text}" if ctx.lang == "zh" else f"{topic}, {text}"
                    cand = self._new(i, utt, s, clause, text, owner, due, verb.rule.id)
                    if cand.item.deliverable is None and text != clause:
                        self._deliverable(cand, text)
                prev = cand
                task_offsets.append(off)
                created_any = True
            self._collaborators(i, utt, s)
        return created_any

    def _declines(self, full: str, at: int, target: _Candidate) -> tuple[bool, DueMatch | None]:
        """Whether a reply with a refusal at `at` declines `target`, and the later date it offers instead.

        Declined: with one date at most, or where every date it names tells when they cannot ("我下周出差，
        7号到9号都不在"; not "报告得后天才能出，明天出不来": that moves the date), or "我这周 bandwidth 真不够，
        给我的话得下周了": not free in one period, free in a later one, and the later date is kept if nobody
        takes the task over. Not a question back ("下周三前签完行吗？") or a date to manage it by ("明天下班前…
        有点赶，不过可以，我今晚加个班")."""
        dates = find_all_due(full, self.ctx.meeting_date)
        if self.rules.has("action", full, "RESCHEDULE"):
            return False, None
        if (len(dates) == 2 and dates[0].start < at < dates[1].start and dates[1].due
                and (target.item.due is None or dates[1].due > target.item.due)):
            return True, dates[1]
        return (len(dates) <= 1 or self.rules.has("action", full, "WITHDRAW")
                or (all(d.start < at for d in dates) and not _ONLY_THEN.search(full))), None

    def _take_over(self, cand: _Candidate, owner: str, i: int, utt: Utterance, due) -> None:
        """A declined task goes to `owner`, the speaker of `utt`, with the date they give (if any)."""
        cand.item.owner, cand.declined, cand.offered = owner, False, None
        self._touch(cand, i, utt, due, f"owner: taken over by the speaker of line {utt.line}")

    def _takes_it_by_name(self, cand: _Candidate, full: str) -> bool:
        """"我明天正好去那边办事，订金我去交吧": a clause that takes on the thing the declined task is about."""
        return any(_TOPIC_TAKEN.match(c.strip()) and _bigrams(c) & cand.words for _, c in split_clauses(full))

    def _handed_to(self, cand: _Candidate, utt: Utterance) -> bool:
        """Whether the one who declined `cand` named this speaker, and the speaker starts by agreeing."""
        said = self.ctx.utterances[cand.declined_at]
        named = {m.name for m in self.ctx.roster.find(said.norm or said.text)}
        first = split_clauses(utt.norm or utt.text)
        return utt.speaker in named and bool(first) and bool(_AGREES.match(first[0][1]))

    def _restated(self, i: int, utt: Utterance, clause: str, owner, due) -> _Candidate | None:
        """An earlier task (last three utterances) of the same owner that this clause restates."""
        if owner is None:
            return None
        words = _bigrams(clause)
        generic = len(_WEAK_NOISE.sub("", clause.replace(due.text, "") if due else clause)) <= 5
        asked = self.pending_question
        who_asked = (asked.index if asked is not None and asked.owner is None and not asked.request
                     and 0 < i - asked.index <= 2 and owner.by_speaker else None)
        summary, agreeing = self._facts(i, utt)
        if summary:
            # "那我总结一下：…志远下周三之前把人定了，梁伟一周内拿水质报告": each task said again, from any time
            held = [c for c in self.items if c.item.owner == owner[0] and c.index < i]
            best = max(held, key=lambda c: len(words & c.words), default=None)
            if best is not None and (len(words & best.words) >= 1 or len(held) == 1):
                self._touch(best, i, utt, due if best.item.due is None else None, "restated in the summary")
                return best
        opening = first_clause(utt.norm or utt.text).strip()
        said_first = self.ctx.sentences[i][0].text.strip() if self.ctx.sentences[i] else ""
        agrees = self.rules.has("action", opening, "ACK") or bool(_AGREED_AFTER.search(said_first)) or agreeing
        for cand in reversed(self.items):
            if who_asked is not None and cand.index < who_asked and generic:
                continue  # "Who is bringing the urn?" — "Me, I'll bring it Saturday": the answer, not the banner
            # "我跟科思创下单" is short, but says what the task before ("给他们业务打电话") did not
            vague = generic and not _names_new_work(clause, due.text if due else None, cand.item.task)
            if cand.item.owner != owner[0] or not 0 <= i - cand.index <= 3 or (i == cand.index and not vague):
                continue
            shared = len(words & cand.words)
            if owner[0] is None and shared < 2:
                continue  # two unlabelled speakers are not known to be one owner: only the words can tie them
            # "王姐你统计一下今年谁还没交" — "好，三天内我把没交的名单发出来": the one asked says yes and how
            says_yes = (i - cand.index == 1 and not cand.owner_speaker and owner.by_speaker and agrees
                        and (shared >= 1 or (self.ctx.lang == "en" and len(content_grams(cand.item.task)) <= 2)))
            # "晓燕你找燃气公司来看一下" — "今天下午我就打电话约": the one asked says when
            says_when = (self.ctx.lang == "zh" and "把" not in clause
                         and len(_WEAK_NOISE.sub("", clause.replace(due.text, "") if due else clause)) <= 6
                         and i - cand.index == 1 and not cand.owner_speaker and owner.by_speaker and due is not None
                         and (cand.item.due is None or (due.due is not None and due.due <= cand.item.due))
                         and not _SEPARATE.search(clause.strip()))  # "…这周五给我" — "行，我下午就打电话问": a first step
            if vague or (cand.generic and shared >= 1) or shared >= 2 or says_yes or says_when:
                if due is not None and due.due and cand.item.due and due.due < cand.item.due:
                    due = None  # "…by Friday?" — "Yeah. I'll call them this afternoon": a first step, same deadline
                self._touch(cand, i, utt, due, "restated")
                wording = self._task_text(clause, owner.name, due.text if due else None)
                if not vague and len(content_grams(wording)) > len(content_grams(cand.item.task)):
                    cand.item.task = wording  # "Lisa, release notes?" — "I can have a draft of the release notes…"
                self._deliverable(cand, clause)
                cand.words |= words
                return cand
        return None

    def _facts(self, i: int, utt: Utterance) -> tuple[bool, bool]:
        """Whether utterance `i` sums up the tasks, and whether one of its sentences starts by agreeing: looked
        up once per utterance (a pasted log can be one utterance of 60,000 sentences)."""
        if i not in self._turn_facts:
            self._turn_facts[i] = (self.rules.has("action", utt.norm or utt.text, "SUMMARY"),
                                   any(_AGREES.match(x.text) for x in self.ctx.sentences[i]))
        return self._turn_facts[i]

    def _vocative_before(self, i: int) -> tuple[str, str] | None:
        """Unlabelled speech cut into short segments: "好，那王强" | "排期表你20号前给我" — the name that
        ends the segment just before is the person addressed."""
        if i == 0 or self.ctx.utterances[i].speaker is not None:
            return None
        prev = self.ctx.utterances[i - 1]
        text = (prev.norm or prev.text).rstrip("，,。. ")
        found = self.ctx.roster.find(text)
        if found and len(text) - found[-1].end <= 1:
            return found[-1].name, f"addressed at the end of line {prev.line}"
        return None

    def _person_or_department(self, spoken: str | None) -> str | None:
        """A roster person or a department named in a delegation phrase ('合同审核由法务部' → 法务部)."""
        if not spoken:
            return None
        roster = self.ctx.roster
        who = roster.canonical(spoken)
        if who is None:
            found = roster.find(spoken)
            who = found[-1].name if found else None
        if who is None:
            tail = re.split(r"[由把和跟与的在是让请给]", spoken)[-1]
            who = tail if roster.is_department(tail) else None
        return who

    def _owner_hint(self, i: int, s: Sentence, off: int, clause: str) -> str | None:
        """Who a clause is about, for deciding which task a due date belongs to."""
        masked = _DEPT_WORD.sub(_mask_department, clause)
        verbs = [m.start() for r in self.rules.by_kind["action"] if r.label == "TASK_VERB"
                 for m in r.pattern.finditer(masked)]
        owner = self._owner(i, s, off, clause, max(verbs) if verbs else len(clause))
        return owner[0] if owner else None

    def _object_before(self, i: int, s: Sentence, verb: str) -> tuple[int, str] | None:
        """The sentence just before `s` (in its utterance, else the one before) that uses the same verb and says
        what it is about: "吊完忘了装回去" for "我今天下班前装好". (utterance index, text) or None."""
        ctx = self.ctx
        before = [(i, x) for x in ctx.sentences[i] if x.offset < s.offset]
        if i > 0:
            before = [(i - 1, x) for x in ctx.sentences[i - 1]] + before
        for j, x in reversed(before):
            for _, c in reversed(split_clauses(x.text)):
                if verb in c and not is_question(c) and \
                        len(re.findall(r"[\u3400-\u9fff]", _WEAK_NOISE.sub("", c))) >= 4:
                    return j, tidy(c)
        # "quotation 我月底前… 哦今天就是月底了，那我下下周二之前出吧": what the speaker took on a moment ago
        for x in (x for j, x in before if j == i):
            for _, c in split_clauses(x.text):
                if self.rules.has("action", c, "SELF") and not is_question(c):
                    m = self._deadline(c)
                    rest = _WEAK_NOISE.sub(" ", c.replace(m.text, "") if m else c)
                    if len(re.findall(r"[\u3400-\u9fff]", rest)) + 2 * len(re.findall(r"[A-Za-z]{3,}", rest)) >= 2:
                        return i, tidy(c)
        return None

    def _need_before(self, i: int, s: Sentence) -> tuple[str, str] | None:
        """What "that" is in "can you do that?": the need stated just before, in this turn or the one before
        ("we need a full acid clean on both of them" → "a full acid clean on both of them")."""
        key = (i, s.offset)
        if key not in self._needs:  # asked for the verb and again for the task text of the same sentence
            self._needs[key] = self._find_need(i, s)
        return self._needs[key]

    def _find_need(self, i: int, s: Sentence) -> tuple[str, str] | None:
        ctx = self.ctx
        before = [x for x in ctx.sentences[i] if x.offset < s.offset]
        if i > 0:
            before = ctx.sentences[i - 1] + before
        for x in reversed(before):
            m = _NEED.search(x.text)
            what = m and (m.group("what") or m.group("who") or m.group("asked") or m.group("due"))
            if what and len(content_grams(what)) >= 2:
                return tidy(what), x.text
        return None

    def _raised_by(self, i: int, who: str) -> tuple[int, str] | None:
        """The work `who` said just before (the previous utterance, theirs) that nobody holds yet: the
        clause that says what must be done ("救生员的岗前培训跟考核也要搞"). (utterance index, text) or None."""
        prev = self.ctx.previous_speaker(i)
        if prev is None or prev.index != i - 1 or prev.speaker != who or any(c.index == prev.index for c in self.items):
            return None
        for _, c in split_clauses(prev.norm or prev.text):
            if _MUST.search(c) and not is_question(c) and len(_WEAK_NOISE.sub("", c)) >= 6 \
                    and not self.rules.has("action", c, "PAST"):
                return prev.index, tidy(c)
        return None

    def _topic_before(self, sentence: str, off: int, task_offsets: list[int]) -> str | None:
        """The clause right before this one in the sentence, when it made no task of its own: it names what
        the task is about ("渠道返点的方案，李雷你牵头", "周三下午大家一起演练一次，周峰负责组织")."""
        before = [(o, c) for o, c in split_clauses(sentence) if o < off]
        if not before or before[-1][0] in task_offsets:
            return None
        before = [(o, c) for o, c in before if not re.fullmatch(r"\s*@\S+\s*", c)]
        if not before or before[-1][0] in task_offsets:
            return None
        o, c = before[-1]
        c = tidy(re.sub(r"@\S+", "", c))
        for m in self.ctx.roster.find(c):  # a vocative ("Jordan, …") names a person, not the task
            c = c.replace(c[m.start : m.end], "")
        c = tidy(c)
        return c if len(c) >= 2 else None

    def _has_topic(self, before_verb: str, owner, due) -> bool:
        """Whether a clause names its own object before the verb ("优惠券也一起配置好")."""
        t = before_verb
        if due is not None:
            t = t.replace(due.text, "")
        if owner and owner[0]:
            t = t.replace(owner[0], "")
        t = re.sub(r"跟[^，,]{1,8}?同一?(?:天|时间)|同一?天|同时", "", t)  # "跟海报同一天给": when, not what
        t = _WEAK_NOISE.sub(" ", t)
        return len(re.sub(r"\s|也|一起|都|全部|还|要|需要", "", t)) >= 2

    def _task_text(self, clause: str, owner: str | None, due_text: str | None) -> str:
        t = clause
        named = self._opening_name(t) if owner and self.ctx.lang == "zh" else None
        if named is not None and named.name == owner:
            # "马老师那你列个耗材清单给我吧" → "列个耗材清单给我吧": the owner, as addressed, is not the task
            t = re.sub(r"^(?:这边|那边|(?:那|就)?(?:你们?|您)?(?:这边|那边)?)[，,:：\s]*", "", t[named.end :]) or t
        if owner:
            t = re.sub(rf"^\s*(?:那|好|行|对了|and|so|ok|okay|also)?\s*@?{re.escape(owner)}\s*(?:你们?)?(?:这边|那边)?[，,:：\s]*"
                       rf"(?:(?:to|will|should|needs to|is going to)\s+)?", "", t, flags=re.I)
        t = re.sub(r"^\s*@\S+\s*", "", t)
        t = re.sub(r"^\s*(?:action items?|AI|TODO|待办|行动项)\s*[:：]\s*", "", t, flags=re.I)
        # English: the verb phrase without its subject ("I'll put together X" → "put together X")
        t = re.sub(r"^\s*(?:(?:and|so|ok(?:ay)?|also|um+|uh+|erm?|well|right|yeah|I mean),?\s+)*(?:(?:I|we)\s+)?(?:I|we)\s*(?:'ll|will|can|am going to|'m going to|still need to|"
                   r"need to|have to|must)\s+|^\s*(?:can|could|would) you\s+|^\s*(?:is there )?any chance (?:that )?you (?:could|can|would|might)\s+|"
                   r"^\s*please\s+|^\s*you\s+(?=own|handle|take|lead)|^\s*(?:should|shall) I\s+|^\s*(?:do you )?want me to\s+",
                   "", t, flags=re.I)
        # "would you mind, at the end of the meeting, could you send us…" / "when you get a chance, can you please…"
        t = re.sub(r"^\s*(?:(?:would you )?mind\s+(?:(?:um|uh),?\s+)?)?(?:(?:when|once|after|before|at|if)\b[^,?]{0,60}?[,\s]+)?"
                   r"(?:(?:can|could|would) you\s+)+(?:please\s+)?|^\s*(?:would you )?mind\s+(?:(?:um|uh),?\s+)?|^\s*please\s+",
                   "", t, flags=re.I)
        # Chinese: the task without the speaker taking it on ("我负责在…完成回归测试" → "完成回归测试")
        t = _SELF_SUBJECT.sub("", t)
        t = _CAN_YOU.sub("", t)  # "三件绣片能弄完吗？" → "三件绣片弄完"
        if due_text and t.replace(due_text, "").strip():
            t = re.sub(rf"(?:\b(?:by|before|until|on|within|no later than)\s+(?:the\s+)?(?:end\s+of\s+)?|(?<![\u4e00-\u9fff])在|^在)?"
                       rf"{re.escape(due_text)}", "", t, flags=re.I)
        return tidy(t) or tidy(clause)

    def _new(self, i, utt, s, clause, text, owner, due, rule_id) -> _Candidate:
        ctx = self.ctx
        evidence = [ctx.evidence(utt, s.text, rule=rule_id,
                                 reason=f"owner: {owner[1]}" if owner else "owner not stated")]
        asked = self.pending_question
        if (asked is not None and asked.stated and i - asked.index == 1 and owner is not None and owner.by_speaker
                and due is None and _bigrams(asked.text) & _bigrams(clause)):
            # "那两台车15号前做一次全面保养" — "没问题，保养这个我来安排": the work named, and its date
            due = asked.due
            evidence.insert(0, ctx.evidence(ctx.utterances[asked.index], reason="task stated, with its date"))
            self.pending_question = None
        elif asked is not None and asked.owner is None and not asked.request and 0 < i - asked.index <= 2 \
                and owner is not None:
            q_utt = ctx.utterances[asked.index]
            if owner.by_speaker and _ASK_WHO.search(q_utt.norm or q_utt.text) and _names_something(asked.text):
                # "支付回调那个谁来看？" — "我看吧，今晚先查日志": the question names what the task is about
                # (not "固件什么时候能出" — "我把最终版固件给到测试": the answer says it itself)
                text = f"{asked.text}：{text}" if ctx.lang == "zh" else f"{asked.text}: {text}"
            if owner.by_speaker or _bigrams(asked.text) & _bigrams(clause):
                evidence.insert(0, ctx.evidence(ctx.utterances[asked.index], reason="task asked about"))
                self.pending_question = None  # "Who's writing the brief?" — "Jordan, you own the brief"
        item = ActionItem(task=text, owner=owner[0] if owner else None, evidence=evidence)
        cand = _Candidate(item, i, owner_speaker=bool(owner and owner[2]), words=_bigrams(clause),
                          generic=len(_WEAK_NOISE.sub("", clause.replace(due.text, "") if due else clause)) <= 5)
        return self._add(cand, due, utt, clause)

    def _add(self, cand: _Candidate, due, utt: Utterance, said: str | None = None) -> _Candidate:
        """Put a new task on the list as the one just touched: its date, then the deliverable that `said` names
        (after the date, whose words are no part of it)."""
        self._set_due(cand, due, utt)
        if said is not None:
            self._deliverable(cand, said)
        self.items.append(cand)
        self.last_touched = cand
        return cand

    def _set_due(self, cand: _Candidate, due, utt: Utterance) -> None:
        if due is None:
            return
        cand.item.due_text = due.text
        if due.due is not None:
            cand.item.due = due.due

    def _deliverable(self, cand: _Candidate, clause: str) -> None:
        if cand.item.deliverable:
            version = re.search(r"[Vv]\d+(?:\.\d+)*", clause)
            if version and not re.search(r"[Vv]\d", cand.item.deliverable):
                cand.item.deliverable += version.group(0)
            return
        hit = self.rules.first("deliverable", clause, "DELIVERABLE")
        if not hit:
            return
        art = hit.match.group("artifact")
        art = art.rsplit("把", 1)[-1]
        if cand.item.due_text:
            art = art.replace(cand.item.due_text, "")
        art = re.sub(r"^(?:把|出|给|个|一张|一份|一版|一个|写|做|拉|整理|提交|更新|the|a|an)\s*", "", art, flags=re.I)
        art = re.sub(r"^(?:的|了)", "", art).strip()
        if cand.item.owner:
            art = art.replace(cand.item.owner, "")
        for _ in range(3):  # "你拿个初稿" → "初稿"
            trimmed = re.sub(r"^.{0,4}?(?:提交|交给|交|给到|给|发给|发|写|做|整理|更新|准备|完成|出|拿个|拿|调出|你|我)"
                             r"(?=.{2})", "", art)
            if trimmed == art or not self.rules.first("deliverable", trimmed, "DELIVERABLE"):
                break
            art = trimmed
        art = re.sub(r"^(?:一版|一份|一张|一个|个|份|张|版)(?=.{2})", "", art)
        art = re.split(r"\s+(?:by|before|until|within|no later than|ready)\b", art, maxsplit=1, flags=re.I)[0].strip()
        version = re.search(r"[Vv]\d+(?:\.\d+)*", cand.item.task)
        if version and version.group(0) not in art:
            art += version.group(0)
        if len(art) >= 2:
            cand.item.deliverable = art

    def _collaborators(self, i: int, utt: Utterance, s: Sentence) -> None:
        ctx = self.ctx
        target = self.last_touched if self.last_touched and self.last_touched.index == i else None
        if target is None:
            return
        for hit in ctx.rules.hits("collaborator", s.text):
            gd = hit.match.groupdict()
            spoken = next((v for v in gd.values() if v), None)
            if not spoken:
                continue
            if spoken.startswith("我"):
                who = utt.speaker
            else:
                who = None
                for m in ctx.roster.find(spoken):
                    who = m.name
                if who is None and ctx.roster.is_department(spoken):
                    who = spoken
                if who is None and _TITLED.match(spoken):
                    who = self._person_like(spoken)  # "马老师配合": known by surname and title, not on the list
            if who and who != target.item.owner and who not in target.item.collaborators:
                target.item.collaborators.append(who)

    # -- replies that confirm, reschedule or answer ------------------------------------------------------
    def _held_by(self, speaker: str, i: int) -> list[_Candidate]:
        """The tasks `speaker` holds that were last touched within 25 utterances of `i`, latest first."""
        return [c for c in reversed(self.items) if c.item.owner and c.item.owner == speaker and i - c.index <= 25]

    def _target_for(self, i: int, utt: Utterance, text: str, loose: bool = True) -> _Candidate | None:
        """The task a reply is about: the speaker's own task it names, else the task just discussed,
        else (when `loose`, for short confirmations) the speaker's most recent task."""
        words = _bigrams(text)
        if utt.speaker is None:  # unlabelled speech: any recent task the line names
            own = [c for c in reversed(self.items) if i - c.index <= 25]
        else:
            own = self._held_by(utt.speaker, i)
        named = max(own, key=lambda c: len(words & c.words), default=None)
        if named is not None and len(words & named.words) >= 2:
            return named
        last = self.last_touched
        if last is not None and i - last.index <= 2:
            prev = self.ctx.previous_speaker(i)
            in_talk = (utt.speaker is None or last.item.owner in (utt.speaker, prev.speaker if prev else None)
                       or words & last.words)
            if loose or in_talk:  # a date change must come from the talk about that task
                return last
        recent = [c for c in own if i - c.index <= 6]
        return recent[0] if recent and loose else None

    def _attach_weak(self, i: int, utt: Utterance, owner, due) -> bool:
        if (self.last_touched is not None and self.last_touched.declined and i - self.last_touched.index <= 2
                and owner is not None and owner[0] and owner[0] != self.last_touched.item.owner):
            # "我这周排不开" … "那我来吧": the task goes to who takes it
            self._take_over(self.last_touched, owner[0], i, utt, due)
            return True
        if self.pending_question is not None and owner is not None and owner.by_speaker \
                and self._answer_question(i, utt, due, volunteered=True):
            return True
        target = self._target_for(i, utt, utt.norm or utt.text)
        if target is None and self.pending_question is not None:
            return self._answer_question(i, utt, due)
        if target is None or (owner is not None and owner[0] and target.item.owner
                              and target.item.owner != owner[0]):
            return False  # "我明天签" is not a date for someone else's task
        if due is not None and due.due and target.item.due and due.due < target.item.due \
                and _STARTS.search(utt.norm or utt.text):
            due = None  # "下礼拜二之前把柴火堆挪到屋后" — "行 我明天就开始弄": when it starts, not the deadline
        self._touch(target, i, utt, due, "confirmed by its owner")
        return True

    def _touch(self, target: _Candidate, i: int, utt: Utterance, due, reason: str) -> None:
        if due is not None and (due.due != target.item.due or target.item.due is None):
            self._set_due(target, due, utt)
            reason = f"due set to '{due.text}' in line {utt.line}"
        if all(e.line != utt.line for e in target.item.evidence):
            target.item.evidence.append(self.ctx.evidence(utt, reason=reason))
        target.words |= _bigrams(utt.norm or utt.text)
        target.index = i
        self.last_touched = target

    def _person_like(self, spoken: str | None) -> str | None:
        """`spoken` when it reads as a Chinese person not on the list: a common surname and a given name or a
        title (何佳, 马老师, 小王), else None."""
        if not spoken or self.ctx.lang != "zh":
            return None
        titled = _TITLED.match(spoken)
        surname = (titled["a"] or titled["b"]) if titled else spoken[0]
        if not titled and not re.fullmatch(r"[\u4e00-\u9fff]{2,3}", spoken):
            return None
        return spoken if surname in load_lexicon("zh", "surnames") else None

    def _shared_out(self, i: int, utt: Utterance, clause: str) -> bool:
        """'那明天的年末盘点，监盘谁去？' — '本部我去，苏州罗斌你去': each part of the work asked about goes to who is
        named for it (the question stays open for the other parts)."""
        asked = self.pending_question
        if asked is None or asked.owner is not None or asked.request or not 0 < i - asked.index <= 3 \
                or self.ctx.lang != "zh":
            return False
        said = tidy(clause)
        m = _PART_TAKEN.match(said)
        if m is None:
            return False
        mine = _PART_I_TAKE.match(said)
        me = mine is not None
        if me:
            who, part = utt.speaker, mine["part"]
        else:  # the person is a name on the roster right before "你去"
            found = [x for x in self.ctx.roster.find(said) if x.start > 0 and re.fullmatch(r"你?(?:来|去)吧?", said[x.end :])]
            if not found:
                return False
            who, part = found[-1].name, said[: found[-1].start].strip("…")
        if who is None or not part:
            return False
        q_utt = self.ctx.utterances[asked.index]
        due = asked.due or next(iter(find_all_due(q_utt.norm or q_utt.text, self.ctx.meeting_date)), None)
        evidence = [self.ctx.evidence(q_utt, reason="task asked about"),
                    self.ctx.evidence(utt, clause, reason=f"owner: {who}, named for {part} in line {utt.line}")]
        item = ActionItem(task=f"{asked.text}：{part}", owner=who, evidence=evidence)
        self._add(_Candidate(item, i, owner_speaker=me, words=_bigrams(asked.text + part)), due, utt)
        return True

    def _assigned(self, i: int, utt: Utterance, clause: str, s: Sentence, off: int) -> bool:
        """'那就何佳带': who takes the task just asked about or discussed, named when the chair settles it;
        '…每个月第一个礼拜三上门，杰哥去': who carries out the plan just said in the sentence."""
        hit = self.rules.first("action", clause, "ASSIGNED")
        if hit is None:
            return False
        who = next((m.name for m in self.ctx.roster.find(clause)), None) or self._person_like(hit.match["owner"])
        if who is None or who == utt.speaker:
            return False
        asked, last = self.pending_question, self.last_touched
        if asked is not None and asked.owner is None and 0 < i - asked.index <= 2:
            return self._answer_question(i, utt, None, volunteered=True, owner=who)
        if last is None or i - last.index > 2:
            plan = [c for o, c in split_clauses(s.text) if o < off and not self.rules.hits("decision", c)
                    and len(_WEAK_NOISE.sub("", c)) >= 4]
            if not plan or not self.ctx.roster.find(clause):
                return False
            what = tidy(plan[-1])
            due = self._deadline(what)
            owner = _Owner(who, f"named in line {utt.line}", False, "name")
            self._new(i, utt, s, what, self._task_text(what, None, due.text if due else None), owner, due, hit.rule.id)
            return True
        if last.item.owner != who:
            last.item.owner, last.declined, last.offered = who, False, None
        self._touch(last, i, utt, None, f"owner: {who}, named in line {utt.line}")
        return True

    def _answer_question(self, i: int, utt: Utterance, due, volunteered: bool = False,
                         owner: str | None = None) -> bool:
        """'X什么时候能上线？' — 'X: 下周吧'; '谁来看？' — '我看吧' (or the chair: '那就何佳带'): the answer makes
        the task, with the date it gives or the one the question gave."""
        q_index, q_text, q_owner, q_due, request, stated = self.pending_question
        if stated or (request and (not volunteered or i - q_index != 1)):
            return False  # a task asked for is taken by a yes ("好的好的") in the next line, not by a date
        due = due or q_due
        named = owner is not None
        # unlabelled speech ("那罗晶 你哪天能把菜都做一遍" — "嗯 下周一吧"): the one asked is taken to answer
        owner = owner or utt.speaker or (q_owner if q_index < i else None)
        if not 0 < i - q_index <= 2 or (due is None and not volunteered) or owner is None:
            return False  # a question is not answered in its own line ("谁来带？下周五前要把手册整理出来")
        if q_owner and q_owner != owner:
            return False
        if not volunteered and not _names_something(q_text):
            return False  # "那这个谁去呢" — "我这周排满了": a date in an answer to a question that names no work
        q_utt = self.ctx.utterances[q_index]
        if not named and utt.speaker and utt.speaker == q_utt.speaker:
            return False  # who asked does not answer
        self.pending_question = None
        same = next((c for c in reversed(self.items) if c.index == q_index and c.item.owner == owner), None)
        if same is not None and same.item.due is None and due is not None and len(_ASK_WHEN.sub("", _WEAK_NOISE.sub("", q_text))) <= 2:
            # "建军，全部清洗检修一遍，多久能弄完？" — "…下周三前应该能弄完": the date of the task just asked for
            self._touch(same, i, utt, due, f"due given by {owner} in line {utt.line}")
            return True
        how = (f"owner: {owner}, named in line {utt.line}" if named else
               f"owner: answered by the speaker of line {utt.line}" if utt.speaker else
               f"owner: {owner}, asked in line {q_utt.line}, taken to answer in line {utt.line} (no speaker label)")
        evidence = [self.ctx.evidence(q_utt, reason="task asked about"), self.ctx.evidence(utt, reason=how)]
        item = ActionItem(task=self._task_text(q_text, None, due.text if due else None), owner=owner, evidence=evidence)
        self._add(_Candidate(item, i, owner_speaker=True, words=_bigrams(q_text)), due, utt, q_text)
        return True

    def _reassign(self, i: int, utt: Utterance) -> bool:
        """'测试报告改由李娜负责': a task already on the list changes hands."""
        full = utt.norm or utt.text
        reassign = self.rules.first("action", full, "REASSIGN")
        if reassign is None:
            return False
        spoken = next((v for v in reassign.match.groupdict().values() if v), None)
        who = self.ctx.roster.canonical(spoken) or (
            spoken if spoken and self.ctx.roster.is_department(spoken) else None)
        target = self._target_for(i, utt, full)
        if not who or target is None or who == target.item.owner:
            return False
        # "二号库交给马超" names a new task; "这个交给马超吧" / "测试报告改由李娜负责" move the one discussed.
        before = full[: reassign.match.start()]
        if len(_bigrams(before) & target.words) < 2 and _WEAK_NOISE.sub("", before).strip():
            return False
        target.item.owner = who
        self._touch(target, i, utt, None, f"owner changed to {who} in line {utt.line}")
        return True

    def _follow_up(self, i: int, utt: Utterance) -> None:
        """An utterance that made no task: a cancellation, a change of owner, a date change, a
        confirmation, or an answer to 'when?'."""
        rules = self.rules
        full = utt.norm or utt.text
        if rules.has("action", full, "NEGATED"):
            target = self._target_for(i, utt, full)
            if target is not None:
                target.item.status = TaskStatus.cancelled
                self._touch(target, i, utt, None, f"cancelled in line {utt.line}")
            return
        declined = rules.first("action", full, "DECLINE")
        if declined is not None:
            target = self._target_for(i, utt, full)
            if (target is None or target.item.owner != utt.speaker) and utt.speaker:
                # "大巴那边我实在顾不上了，只能先退出了": the one task they hold
                own = self._held_by(utt.speaker, i)
                target = own[0] if len(own) == 1 else None
            if target is not None and target.item.owner == utt.speaker:
                declines, offered = self._declines(full, declined.match.start(), target)
                if declines:
                    target.declined, target.declined_at, target.offered = True, i, offered
                    self._touch(target, i, utt, None, f"declined by {utt.speaker} in line {utt.line}")
                    return
        last = self.last_touched
        first = first_clause(full).strip()
        if last is not None and last.declined and last.offered is not None and 0 < i - last.index <= 2 \
                and utt.speaker != last.item.owner and not rules.has("decision", full, "REJECT") \
                and (last.offered.text in full or rules.has("decision", first, "ASSENT")):
            # "今天下班前有点赶，…周一早上给你？" — "周一早上也行": the later day offered is agreed
            offered, last.declined, last.offered = last.offered, False, None
            self._touch(last, i, utt, offered, f"agreed in line {utt.line}")
            return
        if last is not None and i - last.index == 1 and last.item.owner == utt.speaker and last.item.due is None \
                and len(last.item.evidence) == 1 and rules.has("action", full, "DONE_NOW"):
            self.items.remove(last)  # "你把她联系方式推给我" — "我现在推……推了": done during the meeting
            self.last_touched = None
            return
        due = self._deadline(full)
        if (last is not None and i - last.index == 1 and last.owner_speaker and last.item.due is None
                and utt.speaker and last.item.owner != utt.speaker and is_question(last.item.evidence[0].quote or "")
                and rules.has("action", first, "ACK") and due is not None):
            # "Sarah, do you want me to run a usability test?" — "Yes, please. Five users, end of month if you can."
            self._touch(last, i, utt, due, f"offer accepted in line {utt.line}")
            return
        if last is not None and i - last.index <= 2 and last.item.owner == utt.speaker and (
                rules.has("action", full.strip(), "ACK")
                or (due is not None and self._is_weak(self._without_vocative(full), utt.speaker, due.text))
                or (last.item.due is None and i - last.index == 1 and rules.has("action", first, "ACK")
                    and (due is not None or find_all_due(full, self.ctx.meeting_date)))):
            # the owner answers: "好的" / "好，25号前肯定给你" / "收到，final inspection 我排在9月9号"
            if due is None and last.item.due is None:
                due = next(iter(find_all_due(full, self.ctx.meeting_date)), None)
            self._touch(last, i, utt, due, f"acknowledged by {utt.speaker}")
            return
        prev = self.ctx.utterances[i - 1] if i > 0 else None
        if due is not None and utt.speaker and prev is not None and prev.speaker != utt.speaker \
                and due.text.strip().lower() in (prev.norm or prev.text).lower() and self._is_weak(full, utt.speaker, due.text):
            # "Program draft by October fifteenth?" — "October fifteenth is fine.": the date put to them, agreed
            own = [c for c in self._held_by(utt.speaker, i) if i - c.index <= 3]
            if own:
                self._touch(own[0], i, utt, due, f"date agreed in line {utt.line}")
                return
        asked = self.pending_question
        if asked is not None and asked.request and not asked.stated and i - asked.index == 1 and utt.speaker \
                and utt.speaker != self.ctx.utterances[asked.index].speaker \
                and rules.has("action", first, "ACK"):
            self._answer_question(i, utt, None, volunteered=True)  # "…4月15号前交给我" — "好的好的"
            return
        if due is None:
            return
        if self.pending_question is not None and declined is None and self._answer_question(i, utt, due):
            return  # not "…我明天上午要陪我妈去医院复查，实在去不了": a refusal takes nothing on
        moved = rules.first("action", full, "RESCHEDULE") or rules.first("action", full, "DECLINE")
        if moved is None:
            return
        at = moved.match.start()
        # "Friday's tough, I'm out Thursday afternoon. Could I do Monday?", "Can we say Tuesday? Monday I'm at the
        # site all day.": the date in the question
        asked = [c for x in self.ctx.sentences[i] for _, c in split_clauses(x.text)
                 if is_question(c) and find_all_due(c, self.ctx.meeting_date)]
        if asked or is_question(full):
            # a date asked for is in the clause that asks ("…下周二行吗？", "Could I do Monday?"); one elsewhere
            # says why ("我下周要准备进修考试，能不能给两周？")
            asking = asked[-1] if asked else next((c for o, c in reversed(split_clauses(full)) if o <= at), full)
            dates = find_all_due(asking, self.ctx.meeting_date)
            if not dates:
                return
            due = dates[-1]
        target = self._target_for(i, utt, full, loose=False)
        said = next((x.text for x in reversed(self.ctx.sentences[i]) if x.offset <= at), full)
        spoken_to = self._spoken_to(said)
        if spoken_to is not None and target is not None and utt.speaker != target.item.owner \
                and spoken_to != target.item.owner:
            return  # "孔丽你看11月1号开售行不行？": a date put to someone else, not the task's
        if target is not None and (declined is None or target.item.owner in (None, utt.speaker)):
            self._touch(target, i, utt, due, "rescheduled")

    def _opening_name(self, text: str):
        """The roster mention a line opens with, after at most a 那/好/and ("马老师那你…", "孔丽你看…"), if it
        names one person."""
        named = next(iter(self.ctx.roster.find(text)), None)
        if named is None or named.how == "ambiguous" or not _LEAD_IN.fullmatch(text[: named.start]):
            return None
        return named

    def _spoken_to(self, text: str) -> str | None:
        """The person a line opens by addressing ("孔丽你看…", "Sam, could…"), if it does."""
        named = self._opening_name(text)
        return named.name if named and re.match(r"\s*(?:你|您|[，,:：]|\s)", text[named.end :]) else None


def extract_actions(ctx: Context) -> list[ActionItem]:
    return _ActionExtractor(ctx).run()
