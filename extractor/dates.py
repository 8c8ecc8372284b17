"""Find the deadline a sentence states and resolve it against the meeting date.

The patterns are data (rules/zh/due.jsonl, rules/en/due.jsonl); each rule's label names the resolver below
and its params carry the numbers (days to add, which week, which part of a month). The conventions are
those of shared/eval/FORMAT.md §3: weeks start on Monday, a bare weekday is the next one strictly after
the meeting date, periods resolve to their last day, an absolute month-day in the past means next year,
times of day are dropped.

    >>> find_due("张伟你周五前把排期表发出来", date(2024, 3, 10)).due
    datetime.date(2024, 3, 15)
"""
from __future__ import annotations

import calendar
import logging
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Callable

from .rules import LANGUAGES, Rule, load_rules

log = logging.getLogger(__name__)

__all__ = ["DueMatch", "add_working_days", "find_all_due", "find_due", "resolve_due"]


@dataclass(frozen=True)
class DueMatch:
    """A date phrase found in a text: the phrase as written, where it is, and the date it resolves to."""

    text: str
    start: int
    end: int
    due: date | None
    kind: str
    rule: str


# Labels that are not date patterns but context around one.
_CONTEXT_LABELS = {"PREFILTER", "SUFFIX", "CUE_BEFORE", "CORRECTION", "NEGATED_AFTER", "NEGATED_BEFORE"}
# Labels that always read as a deadline (the phrase itself says "within").
_SELF_CUED = {"WITHIN", "WITHIN_WORKDAYS"}
# Named periods: "第二季度的数据" is a topic, not a deadline.
_PERIODS = {"QUARTER", "HALF", "MONTH_PERIOD", "YEAR_END"}
# A bare weekday after one of these is in that week ("下周一到周三", "下周的周五").
_WEEK_KINDS = {"WEEKDAY_THIS", "WEEKDAY_NEXT", "WEEK_AFTER_NEXT", "THIS_WEEK", "NEXT_WEEK"}
_LOOKBACK = 16
_LOOKAHEAD = 24
_FULLWIDTH = str.maketrans("０１２３４５６７８９／．－：", "0123456789/.-:")
_PLACEHOLDER = date(2000, 1, 3)  # validates numbers when there is no meeting date (a leap year's Monday)


# ----------------------------------------------------------------------------------------- numbers, names
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_EN_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15,
               "twenty": 20, "thirty": 30, "first": 1, "second": 2, "third": 3, "fourth": 4}
_EN_ORDINALS = {w: i for i, w in enumerate(
    ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
     "fifteenth sixteenth seventeenth eighteenth nineteenth").split(), start=1)} | {"twentieth": 20, "thirtieth": 30}
_EN_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_EN_WEEKDAYS = {d: i for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}
_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def _number(token: str) -> int:
    """Arabic, Chinese (十一, 二十, 廿三, 两, 二〇二五) or English (two, a couple of) numerals; ValueError if not one."""
    s = token.strip().lower()
    if s.isdigit():
        return int(s)
    if s in _EN_NUMBERS:
        return _EN_NUMBERS[s]
    if "couple" in s:
        return 2
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", s)
    if m:
        return int(m.group(1))
    m = re.fullmatch(r"(?:(twenty|thirty)[-\s]?)?([a-z]+)", s)  # "fifteenth", "twenty-third", "thirtieth"
    if m and (m.group(2) in _EN_ORDINALS or (m.group(1) and m.group(2) in _EN_ORDINALS)):
        return {"twenty": 20, "thirty": 30}.get(m.group(1) or "", 0) + _EN_ORDINALS[m.group(2)]
    if s and s[0] in "廿卅":
        return (20 if s[0] == "廿" else 30) + (_CN_DIGITS[s[1]] if len(s) > 1 else 0)
    if "十" in s:
        tens, _, ones = s.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            raise ValueError(token)
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    if s and all(ch in _CN_DIGITS for ch in s):
        value = 0
        for ch in s:
            value = value * 10 + _CN_DIGITS[ch]
        return value
    raise ValueError(token)


def _weekday(token: str) -> int:
    """0 = Monday … 6 = Sunday."""
    s = token.strip().lower()
    if s in _ZH_WEEKDAYS:
        return _ZH_WEEKDAYS[s]
    if s.isdigit() and 1 <= int(s) <= 7:
        return int(s) - 1
    return _EN_WEEKDAYS[s[:3]]


def _month_name(token: str) -> int:
    return _EN_MONTHS[token.strip().lower()[:3]]


# ----------------------------------------------------------------------------------------- calendar arithmetic
def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(start: date, months: int) -> date:
    """Same day `months` later, clamped to that month's last day (Jan 31 + 1 -> Feb 28/29)."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start` (before it when n < 0); `start` itself is not counted.

    Uses the `chinesecalendar` package, which knows the official holidays and the 调休 working weekends.
    For years it does not cover (or when it is not installed) Monday to Friday count, with a warning.
    """
    try:
        import chinese_calendar
    except ImportError:  # pragma: no cover - a declared dependency
        log.warning("chinesecalendar is not installed (pip install chinesecalendar); counting Mon-Fri as working days")
        chinese_calendar = None
    step = 1 if n >= 0 else -1
    warned = False
    day = start
    for _ in range(abs(n)):
        while True:
            day += timedelta(days=step)
            workday = None
            if chinese_calendar is not None:
                try:
                    workday = chinese_calendar.is_workday(day)
                except NotImplementedError:
                    if not warned:
                        log.warning("chinesecalendar has no holiday data for %d; counting Mon-Fri as working days",
                                    day.year)
                        warned = True
            if workday is None:
                workday = day.weekday() < 5
            if workday:
                break
    return day


# ----------------------------------------------------------------------------------------- resolvers
Groups = dict[str, Any]


def _g(groups: Groups, *names: str) -> str | None:
    for name in names:
        value = groups.get(name)
        if value:
            return value
    return None


def _explicit_year(groups: Groups, ref: date) -> int | None:
    year = _g(groups, "year")
    if year:
        y = _number(year)
        return y + 2000 if y < 100 else y
    rel = _g(groups, "ryear")
    if rel:
        return ref.year + {"今年": 0, "明年": 1, "后年": 2}[rel]
    return None


def _month_of(groups: Groups) -> int:
    name = _g(groups, "mname")
    month = _month_name(name) if name else _number(groups["month"])
    if not 1 <= month <= 12:
        raise ValueError(month)
    return month


def _part_day(year: int, month: int, part: str | None, params: dict) -> date:
    spec = params.get("parts", {}).get(part or "", "last")
    return _last_day(year, month) if spec == "last" else date(year, month, int(spec))


def _abs_date(g: Groups, p: dict, ref: date) -> date:
    month, day = _month_of(g), _number(g["day"])
    year = _explicit_year(g, ref)
    if year is not None:
        return date(year, month, day)
    if not 1 <= day <= 31:
        raise ValueError(day)
    for y in (ref.year, ref.year + 1, ref.year + 2):  # Feb 29 waits for a leap year
        try:
            found = date(y, month, day)
        except ValueError:
            continue
        if found >= ref:
            return found
    raise ValueError((month, day))


def _day_of_month(g: Groups, p: dict, ref: date) -> date:
    day = _number(g["day"])
    if not 1 <= day <= 31:
        raise ValueError(day)
    for months in range(0, 4):  # this month if the day is still ahead, else the next month that has it
        first = _add_months(ref.replace(day=1), months)
        if day <= calendar.monthrange(first.year, first.month)[1]:
            found = first.replace(day=day)
            if found >= ref:
                return found
    raise ValueError(day)


def _next_month_day(g: Groups, p: dict, ref: date) -> date:
    first = _add_months(ref.replace(day=1), int(p.get("months", 1)))
    return first.replace(day=_number(g["day"]))


def _month_period(g: Groups, p: dict, ref: date) -> date:
    month = _month_of(g)
    year = _explicit_year(g, ref)
    found = _part_day(year or ref.year, month, _g(g, "part"), p)
    if year is None and found < ref:
        found = _part_day(ref.year + 1, month, _g(g, "part"), p)
    return found


def _month_end(g: Groups, p: dict, ref: date) -> date:
    first = _add_months(ref.replace(day=1), int(p.get("months", 0)))
    return _part_day(first.year, first.month, _g(g, "part"), p)


def _relative_day(g: Groups, p: dict, ref: date) -> date:
    return ref + timedelta(days=int(p.get("days", 0)))


def _weekday_in_week(g: Groups, p: dict, ref: date) -> date:
    return _monday(ref) + timedelta(weeks=int(p.get("weeks", 0)), days=_weekday(_g(g, "wd", "wd2") or ""))


def _weekday_bare(g: Groups, p: dict, ref: date) -> date:
    ahead = (_weekday(_g(g, "wd", "wd2") or "") - ref.weekday()) % 7
    return ref + timedelta(days=ahead or 7)


def _week(g: Groups, p: dict, ref: date) -> date:
    weeks = int(p.get("weeks", 0))
    rel = _g(g, "rel")
    if rel:
        weeks = int(p.get("rel", {}).get(rel, weeks))
    return _monday(ref) + timedelta(weeks=weeks, days=int(p.get("weekday", 5)) - 1)


def _within(g: Groups, p: dict, ref: date) -> date:
    token = _g(g, "n", "n2")
    n = _number(token) if token else int(p.get("n", 1))
    unit = p.get("unit", "day")
    if unit == "month":
        return _add_months(ref, n) + timedelta(days=int(p.get("plus_days", 0)))
    if unit == "year":
        return _add_months(ref, 12 * n)
    if unit == "hour":
        return ref + timedelta(days=-(-n // 24))
    return ref + timedelta(days=n * (7 if unit == "week" else 1))


def _within_workdays(g: Groups, p: dict, ref: date) -> date:
    token = _g(g, "n", "n2")
    return add_working_days(ref, _number(token) if token else int(p.get("n", 1)))


def _year_end(g: Groups, p: dict, ref: date) -> date:
    year = _explicit_year(g, ref)
    return date(year if year is not None else ref.year + int(p.get("years", 0)), 12, 31)


def _quarter(g: Groups, p: dict, ref: date) -> date:
    year = _explicit_year(g, ref) or ref.year
    q = _g(g, "q")
    if q:
        quarter = _number(q)
    else:
        quarter = (ref.month - 1) // 3 + 1 + int(p.get("rel", {}).get(_g(g, "rel") or "", 0))
    if not 1 <= quarter <= 12:
        raise ValueError(quarter)
    year += (quarter - 1) // 4
    quarter = (quarter - 1) % 4 + 1
    return _last_day(year, quarter * 3)


def _half(g: Groups, p: dict, ref: date) -> date:
    year = _explicit_year(g, ref) or ref.year
    half = int(p.get("halves", {}).get(_g(g, "h") or "", 2))
    return date(year, 6, 30) if half == 1 else date(year, 12, 31)


def _holiday(g: Groups, p: dict, ref: date) -> date:
    month, day = p["holidays"][g["name"]]
    found = date(ref.year, month, day)
    if found <= ref:
        found = found.replace(year=ref.year + 1)
    return found - timedelta(days=1)


_RESOLVERS: dict[str, Callable[[Groups, dict, date], date]] = {
    "ABS_DATE": _abs_date,
    "DAY_OF_MONTH": _day_of_month,
    "NEXT_MONTH_DAY": _next_month_day,
    "MONTH_PERIOD": _month_period,
    "MONTH_END": _month_end,
    "RELATIVE_DAY": _relative_day,
    "WEEKDAY_THIS": _weekday_in_week,
    "WEEKDAY_NEXT": _weekday_in_week,
    "WEEK_AFTER_NEXT": _weekday_in_week,
    "WEEKDAY_BARE": _weekday_bare,
    "THIS_WEEK": _week,
    "NEXT_WEEK": _week,
    "WITHIN": _within,
    "WITHIN_WORKDAYS": _within_workdays,
    "YEAR_END": _year_end,
    "QUARTER": _quarter,
    "HALF": _half,
    "HOLIDAY": _holiday,
}
KINDS = tuple(sorted(_RESOLVERS))


# ----------------------------------------------------------------------------------------- rule loading
@dataclass(frozen=True)
class _Compiled:
    prefilter: tuple[re.Pattern[str], ...]
    dates: dict[str, tuple[tuple[Rule, re.Pattern[str]], ...]]  # by language
    context: dict[str, tuple[re.Pattern[str], ...]]


# Which languages' date rules can match a text: zh rules need a CJK character or a digit, en rules a letter.
_NEEDS = {"zh": re.compile(r"[0-9\u3400-\u9fff]"), "en": re.compile(r"[A-Za-z]")}


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    """All due rules of every language, compiled once. Unknown labels are a rule-file error."""
    dates: dict[str, list[tuple[Rule, re.Pattern[str]]]] = {lang: [] for lang in LANGUAGES}
    context: dict[str, list[re.Pattern[str]]] = {label: [] for label in _CONTEXT_LABELS}
    for lang in LANGUAGES:
        for rule in load_rules(lang, "due"):
            if rule.label in context:
                context[rule.label].append(rule.pattern)
            elif rule.label in _RESOLVERS:
                dates[lang].append((rule, rule.pattern))
            else:
                from .errors import RuleFileError

                raise RuleFileError([f"rules/{lang}/due.jsonl: {rule.id}: unknown label {rule.label} "
                                     f"(expected one of: {', '.join(KINDS)})"])
    return _Compiled(tuple(context.pop("PREFILTER")), {lang: tuple(r) for lang, r in dates.items()},
                     {label: tuple(patterns) for label, patterns in context.items()})


def _any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    return any(p.search(text) for p in patterns)


@dataclass
class _Candidate:
    start: int
    end: int
    rule: Rule
    groups: Groups
    cued: bool = False
    corrected: bool = False
    negated: bool = False
    due: date | None = None


def _suffix_end(text: str, end: int, limit: int, rules: _Compiled) -> tuple[int, bool]:
    """How far the time of day and a deadline cue after a phrase reach, and whether a cue was there."""
    best, cued = end, False
    tail = text[end:limit]
    for pattern in rules.context["SUFFIX"]:
        m = pattern.match(tail)
        if m and m.end() > 0 and end + m.end() >= best:
            best, cued = end + m.end(), cued or bool(m.groupdict().get("cue"))
    return best, cued


def _candidates(text: str, rules: _Compiled) -> list[_Candidate]:
    found: list[_Candidate] = []
    for lang, lang_rules in rules.dates.items():
        if not _NEEDS[lang].search(text):
            continue
        for rule, pattern in lang_rules:
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    found.append(_Candidate(m.start(), m.end(), rule, m.groupdict()))
    # Longest first, then the heavier rule, then the earlier one; keep those that do not overlap.
    found.sort(key=lambda c: (-(c.end - c.start), -c.rule.weight, c.start))
    kept: list[_Candidate] = []
    for c in found:
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def find_all_due(text: str, meeting_date: date | None) -> list[DueMatch]:
    """Every date phrase in `text` that can state a deadline, in order and not overlapping."""
    return [_to_match(text, c) for c in _scan(text, meeting_date)]


def _to_match(text: str, c: _Candidate) -> DueMatch:
    return DueMatch(text[c.start:c.end], c.start, c.end, c.due, c.rule.label, c.rule.id)


def _scan(text: str, meeting_date: date | None) -> list[_Candidate]:
    if not text:
        return []
    rules = _compiled()
    norm = text.translate(_FULLWIDTH)  # same length, so offsets hold
    if not _any(rules.prefilter, norm):
        return []
    kept = _candidates(norm, rules)
    ref = meeting_date or _PLACEHOLDER
    out: list[_Candidate] = []
    for i, c in enumerate(kept):
        limit = kept[i + 1].start if i + 1 < len(kept) else len(norm)
        c.end, suffix_cued = _suffix_end(norm, c.end, limit, rules)
        before = norm[max(0, c.start - _LOOKBACK):c.start]
        after = norm[c.end:c.end + _LOOKAHEAD]
        c.cued = suffix_cued or c.rule.label in _SELF_CUED or _any(rules.context["CUE_BEFORE"], before)
        c.corrected = _any(rules.context["CORRECTION"], before)
        c.negated = _any(rules.context["NEGATED_AFTER"], after) or _any(rules.context["NEGATED_BEFORE"], before)
        if c.rule.params.get("needs_cue") and not (c.cued or c.corrected):
            continue
        if c.rule.label in _PERIODS and after.startswith("的") and not (c.cued or c.corrected):
            continue  # 第二季度的数据: the period is a topic
        try:
            c.due = _resolve(c, ref, out)
        except (ValueError, KeyError, OverflowError):
            continue  # numbers that make no date (13月, 2月30日): not a date phrase
        if c.due is not None and meeting_date is not None and c.rule.label in {"QUARTER", "HALF"} \
                and c.due < meeting_date and not (_g(c.groups, "year", "ryear")):
            if not (c.cued or c.corrected):
                continue  # a past quarter mentioned in passing
            c.due = c.due.replace(year=c.due.year + 1)
        if meeting_date is None:
            c.due = None
        out.append(c)
    return out


def _resolve(c: _Candidate, ref: date, earlier: list[_Candidate]) -> date | None:
    label = c.rule.label
    if label == "WEEKDAY_BARE":
        # "下周一到周三", "下周三可能来不及，周四吧": a bare weekday after a week-qualified one is in that week.
        anchor = next((e for e in reversed(earlier) if e.rule.label in _WEEK_KINDS), None)
        if anchor is not None:
            weeks = int(anchor.rule.params.get("weeks", 0))
            rel = _g(anchor.groups, "rel")
            if rel:
                weeks = int(anchor.rule.params.get("rel", {}).get(rel, weeks))
            return _weekday_in_week(c.groups, {"weeks": weeks}, ref)
    if label == "WITHIN_WORKDAYS" and ref is _PLACEHOLDER:
        _number(_g(c.groups, "n", "n2") or "1")
        return None
    return _RESOLVERS[label](c.groups, c.rule.params, ref)


def find_due(text: str, meeting_date: date | None) -> DueMatch | None:
    """The deadline `text` states, or None.

    With several date phrases, a corrected one wins ("20号可能出不来，能不能宽限到25号" -> 25号), then one
    that reads as a deadline (前/之前/截止/内/by/before/within), then the last. A rejected date ("周三来不及")
    loses. `due` is None when there is no meeting date to resolve against.
    """
    found = _scan(text, meeting_date)
    if not found:
        return None
    best = max(enumerate(found),
               key=lambda ic: (2 * ic[1].corrected + ic[1].cued - 3 * ic[1].negated, ic[0]))[1]
    return _to_match(text, best)


def resolve_due(text: str, meeting_date: date) -> date | None:
    """The due date `text` states, resolved against `meeting_date` (FORMAT.md §3), or None."""
    match = find_due(text, meeting_date)
    return match.due if match else None
