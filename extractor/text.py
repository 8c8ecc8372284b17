"""Small text helpers shared by the stages: language, sentences, clauses, tidying."""
from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
# Sentence ends: Chinese and English punctuation, and line breaks. English '.' only before a space/end
# and not inside numbers (2.4, V1.0).
# In unpunctuated speech, a sentence-final 吧 before more Chinese also ends a sentence.
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;…])\s*|(?<=[^\d\s.][.])\s+|\n+|(?<=吧)(?=[\u4e00-\u9fff]{2})")
_CLAUSE_SPLIT = re.compile(r"[，,、：:](?!\d)|(?<![A-Za-z])\s+(?=[\u3400-\u9fff])")
_LEADING_FILLER = re.compile(
    r"^(?:(?:好吧|行吧|好的|对了|那个|这个|就是|然后|还有|另外|那|好|行|嗯|呃|哦|哎|唉|对|啊|"
    r"(?:OK|ok|Okay|okay|So|so|Alright|alright|Great|great|Perfect|perfect|And|and|Also|also|Oh|oh|Yeah|yeah|Yes|yes)"
    r"(?![A-Za-z]))[，,。、！!\s…]*)+"
)
_TRAILING = re.compile(r"[，,。！？!?；;、…~～.\s]+$")


def cjk_ratio(text: str) -> float:
    """Share of CJK characters among CJK + Latin letters (0 when there are none)."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    return cjk / (cjk + latin / 4) if cjk + latin else 0.0


def language_of(text: str) -> str:
    """'zh' or 'en' by the script that dominates (Latin letters weighted as a quarter of a character)."""
    return "zh" if cjk_ratio(text) >= 0.3 else "en"


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences with their character offsets; punctuation kept on the sentence it ends."""
    out: list[tuple[int, str]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() <= pos or m.start() == 0:
            continue
        chunk = text[pos : m.start()]
        if chunk.strip():
            out.append((pos, chunk))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, text[pos:]))
    return out


def split_clauses(sentence: str) -> list[tuple[int, str]]:
    """Comma-level clauses with offsets; unpunctuated Chinese runs stay whole."""
    out: list[tuple[int, str]] = []
    pos = 0
    for m in _CLAUSE_SPLIT.finditer(sentence):
        if m.start() > pos and sentence[pos : m.start()].strip():
            if m.group(0).isspace() and _open_ba(sentence[pos : m.start()]):
                continue  # "把三组路边的柴火堆 都挪到屋后去": a pause inside a 把 phrase (speech-recognised text)
            out.append((pos, sentence[pos : m.start()]))
        pos = m.end()
    if sentence[pos:].strip():
        out.append((pos, sentence[pos:]))
    return out


def first_clause(text: str) -> str:
    """The first comma-level clause of `text` ("好，三天内我把名单发出来" → "好"), or the text when it has none."""
    clauses = split_clauses(text)
    return clauses[0][1] if clauses else text


_OPEN_BA = re.compile(r"把([^\s，,。！？!?把]{1,12})$")
_BA_VERB = re.compile(r"[给发出做写交提改修补拉拆调查跟对签配上测审报弄排挪搬送到完好掉放收]")


def _open_ba(piece: str) -> bool:
    """Whether `piece` ends in a 把 object whose verb is still to come ("把三组路边的柴火堆", "把没交的名单"; not
    "把报告发我"). What comes before a 的 describes the object and may hold a verb."""
    m = _OPEN_BA.search(piece)
    return bool(m) and not _BA_VERB.search(m.group(1).rsplit("的", 1)[-1])


_LEADING_ASSENT = re.compile(r"^(?:可以|没问题|同意|没意见|OK|ok|Sure|sure)[，,。！!]+\s*")


def tidy(text: str) -> str:
    """Drop leading fillers (那/好/行/嗯, So/Okay, 可以，) and trailing punctuation."""
    text = _LEADING_FILLER.sub("", text.strip())
    text = _LEADING_FILLER.sub("", _LEADING_ASSENT.sub("", text))
    return _TRAILING.sub("", text).strip()


def is_question(text: str) -> bool:
    t = text.rstrip(" 。.…~～")
    return t.endswith(("？", "?", "吗", "呢", "么")) or bool(re.search(r"(?:吗|呢)[，,。]?$|" + _A_NOT_A, t))


# "下周一给你行不行": asked by saying a word and its negation, with no question mark in chat
_A_NOT_A = r"(?:行不行|可不可以|好不好|成不成|方不方便|能不能|要不要|是不是|对不对|有没有)(?:啊|呀)?[，,。]?$"


_STOPWORDS = frozenset("the and for with can you get will have this that then are was were from into your our "
                       "his her its they them okay yes yep sure thanks also let let's lets going gonna just really "
                       "think yeah right well what about there here some works".split())


def content_grams(text: str) -> set[str]:
    """What a piece of text is about: bigrams of its Chinese runs, and its Latin content words."""
    out: set[str] = set()
    for run in re.findall(r"[\u3400-\u9fff]+", text):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    out.update(w for w in re.findall(r"[a-z][a-z0-9.]{2,}", text.lower()) if w not in _STOPWORDS)
    return out
