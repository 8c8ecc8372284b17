"""The roster of a meeting and how spoken names map onto it.

Names come from the attendee list (header, --attendees), speakers and @mentions. A name in the text maps to
a roster name exactly, through a title or nickname (小王, 王总, 老王, 王经理) when exactly one person fits, or,
for speech-recognised text, through a homophone (唐朋 → 唐鹏) when exactly one person sounds the same.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .ingest.chinese import to_simplified

_CJK_NAME = re.compile(r"^[\u3400-\u9fff]{2,4}$")
# How a surname is addressed: 王总, 钱主任, 孙院长 (one list for the roster, the misheard names and the tasks)
TITLES_AFTER = ("总", "经理", "工", "姐", "哥", "老师", "主管", "总监", "老板", "哥哥", "主任", "组长", "队长", "师傅",
                "医生", "大夫", "律师", "护士长", "院长", "园长", "校长", "店长", "站长", "厂长", "科长", "处长", "部长",
                "所长", "局长", "书记", "会计", "教授", "阿姨", "叔", "大姐", "大哥")
_TITLE_BEFORE = ("小", "老", "阿")
# titles after a misheard surname in speech-recognised text ("送组长" for 宋建国, "鹏队" for 彭亮)
_HEARD_TITLES = TITLES_AFTER + ("队",)
# doubled characters that are everyday words, not 默默 for 陈默 ("我默默记下了")
_DOUBLED_WORDS = frozenset("常常 白白 高高 方方 明明 天天 默默 静静 慢慢 好好 刚刚 渐渐 偏偏 早早 大大 小小 人人 家家 年年 时时 "
                           "处处 个个 样样 久久 轻轻 深深 满满 整整 稍稍 仅仅 往往 多多 平平 安安 红红 冷冷 淡淡 快快 乖乖".split())
_KIN_WORDS = frozenset("大哥 二哥 帅哥 小哥 表哥 老哥 堂哥 大姐 二姐 小姐 表姐 空姐 老姐 堂姐 美姐".split())
NOT_PEOPLE = frozenset({"所有人", "全体成员", "all", "everyone", "channel", "here"})  # @所有人 names nobody
_DEPT = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:部|组|中心|团队|科|处|室)$")  # whole word: 组 ends it


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    how: str  # exact | alias | homophone | mention


@dataclass
class Roster:
    """People (and departments) of one meeting, with the aliases that point at them."""

    names: list[str] = field(default_factory=list)
    departments: dict[str, str] = field(default_factory=dict)
    fuzzy: bool = True  # match homophones (for speech-recognised text)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)
    _aliases: dict[str, str] = field(default_factory=dict, repr=False)
    _ambiguous: set[str] = field(default_factory=set, repr=False)

    @classmethod
    def build(cls, names: list[str], departments: dict[str, str] | None = None, fuzzy: bool = True) -> "Roster":
        seen: list[str] = []
        for name in names:
            name = (name or "").strip().lstrip("@")
            if name and name.lower() not in NOT_PEOPLE and name not in seen:
                seen.append(name)
        roster = cls(names=seen, departments=dict(departments or {}), fuzzy=fuzzy)
        roster._index()
        return roster

    def add(self, name: str) -> None:
        name = name.strip().lstrip("@")
        if name and name.lower() not in NOT_PEOPLE and name not in self.names:
            self.names.append(name)
            self._index()

    def _index(self) -> None:
        aliases: dict[str, list[str]] = {}
        for name in self.names:
            simple = to_simplified(name)  # text is matched in Simplified form; names stay as written
            if simple != name:
                aliases.setdefault(simple, []).append(name)
            if _CJK_NAME.match(name) and not _nickname(name):
                surname, given = name[0], name[1:]
                # 苏蕾 is also 苏苏 and 蕾蕾 (a doubled name is how friends call each other)
                keys = [p + surname for p in _TITLE_BEFORE] + [surname + t for t in TITLES_AFTER]
                keys += [k for k in (surname * 2, given[-1] * 2) if k not in _DOUBLED_WORDS]
                # 王杰 is 杰哥 to his workmates, 范婷 婷姐 (not 帅哥, 小姐: words)
                keys += [k for k in (given[-1] + "哥", given[-1] + "姐") if k not in _KIN_WORDS]
                if len(given) == 2:
                    keys += [given, "阿" + given[-1], "小" + given[-1]]  # 罗志刚 → 志刚, 阿刚
                for key in dict.fromkeys(keys):  # 江小玉: 小玉 is the given name and 小+玉; one person
                    aliases.setdefault(key, []).append(name)
            elif " " in name and not _is_role(name):  # "Project Manager" stays whole; "Tom Smith" is also "Tom"
                first = name.split()[0]
                if first[:1].isupper() and not name.istitle() or len(name.split()) == 2:
                    aliases.setdefault(first, []).append(name)
        self._aliases = {k: v[0] for k, v in aliases.items() if len(v) == 1 and k not in self.names}
        # A title that fits several people (小王 with 王强 and 王磊) is found but left as spoken.
        self._ambiguous = {k for k, v in aliases.items() if len(v) > 1 and k not in self.names}
        keys = sorted(set(self.names) | set(self._aliases) | self._ambiguous, key=len, reverse=True)
        if keys:
            parts = []
            for k in keys:
                esc = re.escape(k)
                # Latin names must stand as words ("Jason" not in "Jasonville"), also beside Chinese ("这边Jason你");
                # Chinese names cannot be checked that way.
                parts.append(rf"(?<![A-Za-z0-9]){esc}(?![A-Za-z0-9])" if re.match(r"^[A-Za-z]", k) else esc)
            self._pattern = re.compile("|".join(parts))
        else:
            self._pattern = None

    def canonical(self, spoken: str | None) -> str | None:
        """The roster name a spoken name stands for, or None when no single person fits."""
        if not spoken:
            return None
        spoken = spoken.strip().lstrip("@")
        if spoken in self.names:
            return spoken
        if spoken in self._aliases:
            return self._aliases[spoken]
        for name in self.names:  # "Tom" for "Tom Smith", case-insensitive English
            if spoken.lower() == name.lower():
                return name
        hits = self._homophones(spoken)
        return hits[0] if len(hits) == 1 else None

    def is_department(self, text: str) -> bool:
        return bool(_DEPT.match(text)) or text in _department_stems()

    def find(self, text: str) -> list[Mention]:
        """Every roster name mentioned in text, left to right, without overlaps."""
        found: list[Mention] = []
        taken = [False] * len(text)
        if self._pattern is not None:
            for m in self._pattern.finditer(text):
                name = m.group(0)
                canonical = name if name in self.names else self._aliases.get(name, name)
                how = "exact" if name in self.names else "ambiguous" if name in self._ambiguous else "alias"
                found.append(Mention(m.start(), m.end(), canonical, how))
                for i in range(m.start(), m.end()):
                    taken[i] = True
        if self.fuzzy:
            found.extend(self._homophone_spans(text, taken))
        return sorted(found, key=lambda x: x.start)

    # -- homophones (speech-recognised names) -------------------------------------------------------
    def _cjk_names(self) -> list[str]:
        return [n for n in self.names if _CJK_NAME.match(n)]

    def _homophones(self, spoken: str) -> list[str]:
        titled = self._by_surname_sound(spoken[0]) if self.fuzzy and spoken[1:] in _HEARD_TITLES else []
        if titled:
            return titled
        if not _CJK_NAME.match(spoken):
            return []
        key = _pinyin(spoken)
        if key is None:
            return []
        return [n for n in self._cjk_names() if len(n) == len(spoken) and _pinyin(n) == key]

    def _homophone_spans(self, text: str, taken: list[bool]) -> list[Mention]:
        names = self._cjk_names()
        if not names or not re.search(r"[\u3400-\u9fff]", text):
            return []
        by_key: dict[tuple[str, ...], list[str]] = {}
        for n in names:
            key = _pinyin(n)
            if key is not None:
                by_key.setdefault(key, []).append(n)
        if not by_key:
            return []
        lengths = sorted({len(n) for n in names}, reverse=True)
        surnames = {_pinyin(n[0]) for n in names}
        out: list[Mention] = []
        i = 0
        while i < len(text):
            given = None if taken[i] else self._given_heard(text, i, taken)
            if given is not None:  # "智强 你今天下午就带民兵去…" for 陈志强: a given name heard, spoken to
                out.append(Mention(i, i + 2, given, "homophone"))
                i += 2
                continue
            if taken[i] or _pinyin(text[i]) not in surnames:
                i += 1
                continue
            for size in lengths:
                window = text[i : i + size]
                if len(window) < size or any(taken[i : i + size]) or not _CJK_NAME.match(window):
                    continue
                hits = by_key.get(_pinyin(window) or ())
                if hits and len(hits) == 1 and window != hits[0]:
                    out.append(Mention(i, i + size, hits[0], "homophone"))
                    i += size - 1
                    break
            else:
                title = next((t for t in _HEARD_TITLES if text.startswith(t, i + 1)
                              and not any(taken[i : i + 1 + len(t)])), None)
                hits = self._by_surname_sound(text[i]) if title else []
                if len(hits) == 1:  # "周老师" for 邹慧: a surname that sounds like one person's, and a title
                    out.append(Mention(i, i + 1 + len(title), hits[0], "alias" if text[i] == hits[0][0] else "homophone"))
                    i += len(title)
            i += 1
        return out

    def _given_heard(self, text: str, i: int, taken: list[bool]) -> str | None:
        """The one person whose two-character given name sounds like text[i:i+2], when it is said as an
        address: at the start of a clause and followed by a pause, 你 or a comma."""
        window = text[i : i + 2]
        if len(window) < 2 or any(taken[i : i + 2]) or not re.fullmatch(r"[\u3400-\u9fff]{2}", window):
            return None
        if not re.search(r"(?:^|[\s，,。！？!?]|那|好)$", text[:i]) or not re.match(r"(?:\s|你|您|[，,]|$)", text[i + 2 :]):
            return None
        key = _pinyin(window)
        hits = [n for n in self._cjk_names() if len(n) == 3 and _pinyin(n[1:]) == key]
        return hits[0] if len(hits) == 1 and window != hits[0][1:] else None

    def _by_surname_sound(self, char: str) -> list[str]:
        """The people whose surname sounds like `char` (fuzzy pinyin), if it sounds like any."""
        key = _pinyin(char)
        return [n for n in self._cjk_names() if key is not None and _pinyin(n[0]) == key and not _nickname(n)]


def _nickname(name: str) -> bool:
    """小雨, 阿杰, 老周: a nickname on the list, whose first character is no surname."""
    return len(name) == 2 and name[0] in _TITLE_BEFORE


_FUZZY = ((re.compile(r"^(zh|ch|sh)"), lambda m: m.group(1)[0]), (re.compile(r"(an|en|in)g$"), lambda m: m.group(1)))


def _is_role(name: str) -> bool:
    """A job title ("Project Manager"): its last word is a role noun of rules/en/roles.txt."""
    return name.split()[-1].lower() in _role_nouns()


@lru_cache(maxsize=1)
def _role_nouns() -> frozenset[str]:
    from .rules import load_lexicon

    return frozenset(load_lexicon("en", "roles"))


@lru_cache(maxsize=1)
def _department_stems() -> frozenset[str]:
    from .rules import load_lexicon

    return frozenset(load_lexicon("zh", "departments"))


@lru_cache(maxsize=20000)
def _pinyin(text: str) -> tuple[str, ...] | None:
    """Toneless pinyin of a short string with the usual fuzzy pairs merged (zh/z, ch/c, sh/s, ing/in,
    eng/en, ang/an: the sounds speech recognition confuses), or None when pypinyin is not installed."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # optional: homophone matching is skipped without it
        return None
    out = []
    for syllable in lazy_pinyin(text):
        for pattern, repl in _FUZZY:
            syllable = pattern.sub(repl, syllable)
        out.append(syllable)
    return tuple(out)
