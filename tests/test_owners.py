"""The roster: exact names, titles and nicknames, homophones from speech recognition."""
from __future__ import annotations

import pytest

from extractor.owners import Roster


def test_titles_and_nicknames_resolve_when_one_person_fits():
    r = Roster.build(["王强", "张伟", "李娜"])
    assert r.canonical("小王") == "王强"
    assert r.canonical("王总") == "王强"
    assert r.canonical("老王") == "王强"
    assert r.canonical("王经理") == "王强"


def test_ambiguous_title_stays_unresolved():
    r = Roster.build(["王强", "王磊"])
    assert r.canonical("小王") is None
    assert r.canonical("王强") == "王强"


def test_find_reports_names_in_order():
    r = Roster.build(["王强", "张伟"])
    found = r.find("那王强，排期表给张伟")
    assert [(m.name, m.how) for m in found] == [("王强", "exact"), ("张伟", "exact")]


def test_homophones_from_speech_recognition():
    pytest.importorskip("pypinyin")
    r = Roster.build(["唐鹏", "田甜", "范志强", "高翔"])
    names = [m.name for m in r.find("唐朋你今天把规则加上 田田你来写 范智强扩容")]
    assert names == ["唐鹏", "田甜", "范志强"]
    assert [m.name for m in r.find("高警太慢了")] == []  # 告警 misheard is not 高翔


def test_mention_prefix_and_everyone():
    r = Roster.build(["@所有人", "@Kevin", "陈浩"])
    assert r.names == ["Kevin", "陈浩"]


def test_ambiguous_title_is_found_and_left_as_spoken():
    r = Roster.build(["王强", "王磊"])
    assert [(m.name, m.how) for m in r.find("小王你明天把表发我")] == [("小王", "ambiguous")]


def test_a_latin_name_is_found_beside_chinese_but_not_inside_a_word():
    from extractor.owners import Roster

    r = Roster.build(["Jason", "王磊"])
    assert [m.name for m in r.find("QA这边Jason你安排下回归")] == ["Jason"]
    assert r.find("Jasonville的数据") == []
