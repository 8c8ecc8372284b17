"""The roster: exact names, titles and nicknames, homophones from speech recognition."""
from __future__ import annotations

import datetime as dt

import pytest

from extractor import ExtractOptions, extract_text
from extractor.owners import Roster


def test_titles_and_nicknames_resolve_when_one_person_fits():
    r = Roster.build(["王强", "张伟", "李娜"])
    assert r.canonical("小王") == "王强"
    assert r.canonical("王总") == "王强"
    assert r.canonical("老王") == "王强"
    assert r.canonical("王经理") == "王强"
    r2 = Roster.build(["苏蕾", "赵一凡", "陈默"])
    assert (r2.canonical("苏苏"), r2.canonical("蕾蕾")) == ("苏蕾", "苏蕾")
    assert r2.find("我默默记下了") == []  # 默默 is a word, not 陈默
    r = Roster.build(["钱桂英", "王建军", "孙丽华"])
    assert [r.canonical(t) for t in ("钱主任", "王师傅", "孙院长", "钱护士长")] == ["钱桂英", "王建军", "孙丽华", "钱桂英"]


def test_a_given_name_that_is_also_a_nickname_is_one_person():
    """江小玉's given name 小玉 is also the 小+玉 nickname: two keys for one person, not two people."""
    r = Roster.build(["孟晓岚", "江小玉", "邵一鸣"])
    assert r.canonical("小玉") == "江小玉"
    assert [m.name for m in r.find("小玉，你们小班组出个活动安排表")] == ["江小玉"]


def test_a_nickname_on_the_list_gets_no_surname_titles():
    """小雨 and 阿杰 are nicknames, not surname 小/阿: 小姐, 小哥 and 阿总 are not them."""
    r = Roster.build(["周振", "小雨", "阿杰"])
    assert r.canonical("小姐") is None and r.canonical("阿总") is None
    assert r.find("那个小哥说明天来修") == []
    assert r.canonical("小雨") == "小雨"


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


def test_a_misheard_surname_with_a_title_in_speech_recognition():
    pytest.importorskip("pypinyin")
    r = Roster.build(["宋建国", "邹慧", "林晓燕", "彭亮"])
    found = r.find("送组长 这次考哪几本 周老师你改一下 琳老师帮着录 鹏队你带人去")
    assert [(m.name, m.how) for m in found] == [("宋建国", "homophone"), ("邹慧", "homophone"),
                                                 ("林晓燕", "homophone"), ("彭亮", "homophone")]
    assert r.canonical("周老师") == "邹慧"
    assert Roster.build(["周明", "邹慧"]).find("周老师你改一下")[0].name == "周明"  # the exact surname first
    assert [m.name for m in Roster.build(["邹慧", "周明"]).find("邹老师你改一下")] == ["邹慧"]
    assert Roster.build(["宋建国"], fuzzy=False).find("送组长") == []  # typed text: no homophones
    assert [m.name for m in Roster.build(["邹慧", "朱明"]).find("送东西给老师")] == []


def test_a_misheard_given_name_said_to_someone_in_speech_recognition():
    pytest.importorskip("pypinyin")
    r = Roster.build(["陈志强", "王秀兰", "刘春燕", "李建国"])
    assert [m.name for m in r.find("智强 你今天下午就带民兵 秀蓝 你把转移名单再核一遍 春艳，你那边")] == ["陈志强", "王秀兰", "刘春燕"]
    assert [m.name for m in r.find("我见过 他们")] == []  # 见过 sounds like 建国 but is not said to anyone
    assert Roster.build(["陈志强"], fuzzy=False).find("智强 你去") == []


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


def test_numbered_speakers_are_named_by_who_answers_when_addressed():
    """Meeting apps label voices they do not know 说话人1, 说话人2…: a speaker who answers right after being
    addressed by name (丁敏你… → 说话人3 answers) is that attendee, and owns what they take on. A warning
    says so, with the lines, for the recorder to check. Addressing someone never names oneself."""
    text = "\n".join([
        "说话人1 00:00:03", "好 我们开始 丁敏你先说一下仓库那边", "",
        "说话人3 00:00:10", "仓库这周盘点完了 差了两箱", "",
        "说话人2 00:00:20", "周总我补充一句 差的那两箱是退货没入账", "",
        "说话人1 00:00:30", "行 何涛你明天把退货单补录进系统", "",
        "说话人2 00:00:36", "好的 明天上午弄完", "",
        "说话人3 00:00:40", "那盘点表我今天下班前发群里", "",
    ])
    m = extract_text(text, ExtractOptions(meeting_date=dt.date(2025, 7, 14), attendees=("周明", "丁敏", "何涛")))
    assert sorted((a.owner, a.due) for a in m.action_items) == [("丁敏", dt.date(2025, 7, 14)),
                                                                ("何涛", dt.date(2025, 7, 15))]
    named = {w.message.split(" ")[0]: w for w in m.warnings if w.code == "speaker_named"}
    assert set(named) == {"说话人1", "说话人2", "说话人3"}
    assert "丁敏" in named["说话人3"].message and named["说话人3"].line == 2


def test_a_numbered_speaker_is_named_by_a_reply_that_names_them():
    m = extract_text("说话人1 00:00:12\n好了。那个，一凡进来了没有？\n\n说话人3 00:00:18\n进来了孔哥，我在地铁上，信号可能不太好。\n\n"
                     "说话人1 00:00:23\n没事你先听着。那一凡你周五前把新本的剧本读完。\n\n说话人3 00:00:30\n好的孔哥。\n",
                     ExtractOptions(attendees=("孔令伟", "赵一凡"), meeting_date=dt.date(2024, 11, 8), extractors="rules"))
    assert [u for u in m.meeting.attendees] == ["孔令伟", "赵一凡"]
    assert any(w.code == "speaker_named" and "说话人1 taken to be 孔令伟" in w.message for w in m.warnings)
    assert [(a.owner, a.due) for a in m.action_items] == [("赵一凡", dt.date(2024, 11, 15))]  # said on a Friday


def test_a_numbered_speaker_stays_as_labelled_without_evidence():
    text = "\n".join(["说话人1 00:00:03", "我下周一前把报价单发出来", "", "说话人2 00:00:10", "好的", ""])
    m = extract_text(text, ExtractOptions(meeting_date=dt.date(2025, 7, 14), attendees=("周明", "丁敏")))
    assert [a.owner for a in m.action_items] == ["说话人1"]
    assert not [w for w in m.warnings if w.code == "speaker_named"]
