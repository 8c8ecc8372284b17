"""决议: conclusions the group reached, stated outright or as assent to a proposal."""
from __future__ import annotations

import re

from ..dates import find_due
from ..schema import Decision
from ..text import first_clause, is_question, split_clauses, tidy
from .context import Context, Sentence, decided_outside_deferrals
from .merge import overlap

# Tag questions that close a decision ("大家没意见吧？") are not questions about the decision itself.
_TAG_QUESTION = re.compile(r"(?:没意见吧|没问题吧|有意见吗|大家(?:有没有意见|看行吗|觉得呢|同意吗|看呢)|Everyone okay with that|okay\?$|right\?$)", re.I)
_CUE_WORDS = re.compile(
    r"那就这么定了?|就这么(?:定|办)了?|就这样(?:定|吧)了?|就?先这样|这样吧|好的?|行|那|吧|了|嗯|对|同意|没意见|大家|[，,。！!？?\s]|"
    r"let'?s do (?:it|that)|okay|ok|agreed|approved|motion (?:carries|carried|passes|passed)",
    re.I,
)
_SETTLED_PREFIX = re.compile(
    r"^(?:那就|就)?(?:这么|这样)?(?:定了|定下来|定|办)[吧了]?[，,：:]\s*|^(?:那就|就)(?=按|定|先|改)|^那?(?:就)?这样[，,：:]\s*|^let'?s (?:do it|do that|lock (?:it|that|this) in)[.:,!]?\s*", re.I)
_TAG_QUESTION_END = re.compile(r"[，,]\s*(?:大家)?(?:有没有意见|没意见吧|有意见吗|同意吗|怎么样|看行吗|行不行)[？?]?$|"
                               r",?\s*(?:everyone okay with that|okay|right|agreed)\?$", re.I)
_ECHO_LEAD = re.compile(r"^(?:[那就好行嗯对先还是，,\s])+")
_ASK_FOR_AGREEMENT = re.compile(r"有没有意见|有意见吗|没意见吧|同意吗|怎么样|行不行|看行吗|OK吗|okay with that|sound good|agree\?", re.I)


def _content_len(text: str) -> int:
    return len(_CUE_WORDS.sub("", text))


def _statement(sentence: Sentence, cue_at: int) -> bool:
    """The clause holding the decision cue is a statement (a closing tag question is allowed)."""
    t = sentence.text
    if not is_question(t) or _TAG_QUESTION.search(t):
        return True
    for off, clause in split_clauses(t):
        if off <= cue_at < off + len(clause):
            return not is_question(clause)
    return False


def _led_by_commitment(ctx: Context, sentence: Sentence, cue_at: int) -> bool:
    """'PRD我今天update一下，…版本号改成v2.1': a decision cue inside someone's own task."""
    first = ctx.rules.first("action", sentence.text, "SELF")
    return first is not None and first.match.start() < cue_at


def extract_decisions(ctx: Context) -> list[Decision]:
    out: list[Decision] = []
    from_assent: list[tuple[int, Decision]] = []
    made: list[tuple[int, Decision]] = []
    utts = ctx.utterances
    sents = ctx.sentences
    for i, utt in enumerate(utts):
        for s in sents[i]:
            hit = ctx.rules.first("decision", s.text, "DECISION")
            if hit is None and utt.speaker is not None and utt.speaker == ctx.chair:
                hit = ctx.rules.first("decision", s.text, "CHAIR_DECISION")  # "五千可以，但只限…" from the chair
            if not hit or not _statement(s, hit.match.start()) or _led_by_commitment(ctx, s, hit.match.start()):
                continue
            if any(ctx.rules.has("decision", s.text, label) for label in ("RECAP", "CLOSING")) \
                    or not decided_outside_deferrals(ctx, s.text, chair=hit.label == "CHAIR_DECISION") \
                    or ctx.rules.has("action", s.text, "IN_MEETING") or ctx.rules.has("action", s.text, "ASSIGNED"):
                continue  # IN_MEETING: "罗晶你先说一下现在定了几道" asks for a report; "那就何佳带" assigns
            if _grants_more_time(ctx, i, s.text):
                continue  # "能不能放到1月15号？" — "那就15号，…": a task's new date, not a decision
            rejected = ctx.rules.first("decision", s.text, "REJECT")
            if rejected is not None and rejected.match.start() >= hit.match.end() \
                    and not s.text[rejected.match.end():].startswith("的话"):
                continue  # "就往前挪 挪到十八号 不行 十八号周五也是高峰": proposed and turned down at once
            if ctx.rules.has("decision", s.text, "PROPOSAL") and not ctx.rules.has("decision", s.text, "ASSENT") \
                    and not hit.rule.params.get("settles_proposal"):
                continue  # "我建议推到4月22号": a proposal until someone agrees (the chair's "那这样，…" lays it down)
            if ctx.rules.has("action", s.text, "HYPOTHETICAL") and not ctx.rules.has("decision", s.text, "ASSENT"):
                continue
            evidence = [ctx.evidence(utt, s.text, rule=hit.rule.id, reason="decision cue")]
            untagged = _TAG_QUESTION_END.sub("", s.text.strip())  # before tidy, which drops the "?"
            stripped = tidy(_TAG_QUESTION_END.sub("", _SETTLED_PREFIX.sub("", tidy(untagged))))
            text = (stripped or tidy(s.text)).lstrip("，,：:；; ")
            derived = False
            bare = _content_len(text) < 3 or not stripped
            after = _stated_after(ctx, i, s) if bare or hit.rule.params.get("what_follows") else None
            if after is not None and hit.rule.params.get("what_follows"):
                text = after  # "我同意白露的。…龙袍残片展复制件": what the chair sides with
            elif bare:
                if after is not None:
                    text = after  # "Alright, let's lock it in. 3.2 ships with full offline mode…": what follows
                else:
                    # "好那就这么定了": what was settled is in the proposal just before.
                    prev = _recent_proposal(ctx, i)
                    if prev is None:
                        continue
                    text = tidy(_TAG_QUESTION_END.sub("", tidy(prev.text))) or tidy(prev.text)
                    derived = True
                    evidence.insert(0, ctx.evidence(prev.utt, prev.text, reason="proposal settled in a later line"))
            elif ctx.rules.has("decision", s.text, "ASSENT"):
                # "好吧，那先按原预算做": agreeing to the decision just stated, in other words (not "行，那开业
                # 时间还是按一月二十号" after another topic's decision: that settles something new).
                recent = [d for j, d in made if 0 < i - j <= 2]
                if recent and (overlap(recent[-1].text, text) >= 0.2 or _content_len(text) < 6):
                    recent[-1].evidence.append(evidence[0])
                    continue
            agreed = [d for j, d in from_assent if 0 < i - j <= 2]
            if agreed and not derived and hit.match.start() < len(first_clause(s.text)) \
                    and ctx.rules.has("decision", first_clause(s.text), "ASSENT"):
                # "我的想法是，…只分上午、下午两个时段" — "可以，…" — "同意，去年就是时间卡得太死了": one more yes
                agreed[-1].evidence.append(evidence[0])
                continue
            decision = Decision(text=text, evidence=evidence, confidence=round(0.55 + 0.4 * hit.rule.weight, 2))
            if derived:
                from_assent.append((i, decision))
            else:
                # An explicit decision supersedes a proposal-plus-assent just before it.
                for j, earlier in [x for x in from_assent if i - x[0] <= 4]:
                    decision.evidence = [e for e in earlier.evidence if e.line != utt.line] + decision.evidence
                    from_assent.remove((j, earlier))
                    out.remove(earlier)
                    made[:] = [m for m in made if m[1] is not earlier]
            out.append(decision)
            made.append((i, decision))
        for d in _assent_to_proposal(ctx, i):
            from_assent.append((i, d))
            out.append(d)
    return out


def _stated_after(ctx: Context, index: int, settle: Sentence) -> str | None:
    """What the statement right after a bare settling sentence in the same turn says (without a tag
    question such as "Everyone okay with that?"), if it says something."""
    later = [s for s in ctx.sentences[index] if s.offset > settle.offset]
    if later:
        said = tidy(_TAG_QUESTION_END.sub("", later[0].text.strip()))
        if _content_len(said) >= 8 and not is_question(said) and not _assigns(ctx, said):
            return said
    return None


def _assigns(ctx: Context, text: str) -> bool:
    """Whether a statement hands out work ("Amara, talk to the Friends…, and Greg, can you…"): what a bare
    "Let's do that" before it agreed to is a task, not what it says."""
    first = ctx.roster.find(text)
    return ctx.rules.has("action", text, "ADDRESS") or bool(first and first[0].start == 0)


def _recent_proposal(ctx: Context, index: int) -> Sentence | None:
    """The last substantive statement before `index` (within three utterances), preferring proposals."""
    fallback = None
    for j in range(index, max(-1, index - 4), -1):
        for s in reversed(ctx.sentences[j]):
            if j == index:
                continue
            if ctx.rules.has("decision", s.text, "PROPOSAL") or _ASK_FOR_AGREEMENT.search(s.text):
                return s
            if fallback is None and _content_len(s.text) >= 8 and not is_question(s.text):
                fallback = s
    return fallback


def _assent_to_proposal(ctx: Context, index: int) -> list[Decision]:
    """A proposal followed by assent from someone else, and no objection or deferral before it."""
    utts, sents = ctx.utterances, ctx.sentences
    out: list[Decision] = []
    for s in sents[index]:
        echoed = _echoed(ctx, index, s)
        if echoed is not None:
            out.append(echoed)
            continue
        hit = ctx.rules.first("decision", s.text, "PROPOSAL")
        if not hit:
            continue
        speaker = utts[index].speaker
        for j in range(index + 1, min(len(utts), index + 3)):
            reply = utts[j]
            if reply.speaker == speaker or not sents[j]:
                continue
            first = sents[j][0].text
            if ctx.rules.has("decision", first, "REJECT") or is_question(first):
                break
            if any(ctx.rules.has("open_question", x.text, "DEFER") for x in sents[j]):
                break  # put off ("先放着吧，回头再商量", "好的，待定"): not agreed
            if ctx.rules.has("decision", first, "ASSENT"):
                text = tidy(s.text[hit.match.end():]) or tidy(s.text)
                if _content_len(text) < 4:
                    break
                out.append(Decision(
                    text=text,
                    evidence=[ctx.evidence(utts[index], s.text, rule=hit.rule.id, reason="proposal"),
                              ctx.evidence(reply, first, reason=f"assent in line {reply.line}")],
                    confidence=0.6))
                break
    return out


def _grants_more_time(ctx: Context, i: int, text: str) -> bool:
    """A date agreed to, just after someone else asked to move their task to it ("下周三有点紧，…能不能放到1月15号？"
    — "那就15号，但是台账你明天就去催")."""
    asked = [u for u in ctx.utterances[max(0, i - 2) : i] if u.speaker != ctx.utterances[i].speaker
             and ctx.rules.has("action", u.norm or u.text, "RESCHEDULE")]
    if not asked:  # "下下周一前收上来行吗？" — "可以，我跟他们说一声" — "行，那就下下周一"
        return False
    for _, c in split_clauses(text)[:2]:  # "那就15号，…" / "行，那就下下周一"
        due = find_due(c, ctx.meeting_date)
        if due is not None and _content_len(c.replace(due.text, "")) <= 3:
            return True
    return False


def _echoed(ctx: Context, index: int, asked: Sentence) -> Decision | None:
    """A proposal put as a question ("尾款要不要先压着") that someone else answers in its own words within
    two utterances ("先压着，质量问题没说清楚之前一分钱都不付"): the answer is the decision."""
    hit = ctx.rules.first("decision", asked.text, "ASK_PROPOSAL")
    if hit is None:
        return None
    core = _ECHO_LEAD.sub("", hit.match.group("x"))
    utts, sents = ctx.utterances, ctx.sentences
    for j in range(index + 1, min(len(utts), index + 3)):
        if utts[j].speaker == utts[index].speaker or not sents[j]:
            continue
        reply = sents[j][0]
        said = _ECHO_LEAD.sub("", reply.text)
        if len(core) >= 2 and said.startswith(core[:2]) and not is_question(reply.text) \
                and not ctx.rules.has("decision", reply.text, "REJECT"):
            return Decision(text=tidy(reply.text), confidence=0.6,
                            evidence=[ctx.evidence(utts[index], asked.text, rule=hit.rule.id, reason="proposal asked"),
                                      ctx.evidence(utts[j], reply.text, reason=f"answered in its words in line {utts[j].line}")])
        break  # the next other speaker did not take it up
    return None
