"""Extraction rules on small meetings: what is and is not an item, owners, merging and corrections."""
from __future__ import annotations

import datetime as dt

import pytest
from extractor import ExtractOptions, extract_text
from helpers import minutes_of

D = dt.date


# -- decisions -----------------------------------------------------------------------------------------
def test_explicit_decision_with_its_line():
    m = minutes_of("张伟：4月10号肯定不行。", "王强：最早4月18号吧。", "张伟：行，那就这么定，X3上市时间定在4月18号。")
    assert [d.text for d in m.decisions] == ["X3上市时间定在4月18号"]
    assert [e.line for e in m.decisions[0].evidence] == [3]


def test_rejected_proposal_is_not_a_decision():
    m = minutes_of("李娜：我建议抖音也一起首发。", "陈静：抖音也一起上的话，首批货肯定不够。", "张伟：嗯，先不说这个。")
    assert m.decisions == []


def test_proposal_with_assent_is_a_decision():
    m = minutes_of("张伟：要不这样，首发先上天猫和京东，抖音放第二批。", "李娜：也行，那就先天猫京东。")
    assert len(m.decisions) == 1
    assert "天猫" in m.decisions[0].text
    assert {e.line for e in m.decisions[0].evidence} == {1, 2}


def test_question_about_a_plan_is_not_a_decision():
    m = minutes_of("Amy：预热还是6月1号开始吗？")
    assert m.decisions == []


def test_bare_settlement_takes_the_proposal_before_it():
    m = minutes_of("高翔：以后所有的配置变更必须走灰度发布，大家有没有意见？", "梁倩：没意见。", "高翔：好，那就这么定了。")
    assert len(m.decisions) == 1
    assert "灰度发布" in m.decisions[0].text
    assert 3 in {e.line for e in m.decisions[0].evidence}


def test_english_decision():
    m = minutes_of("Priya: Agreed. Let's go with option B.", "Tom: Works for me.")
    assert len(m.decisions) == 1 and "option B" in m.decisions[0].text


# -- action items --------------------------------------------------------------------------------------
def test_self_commitment_is_owned_by_the_speaker():
    m = minutes_of("张伟：需求文档我这边明天更新一下，出个V1.0发群里。")
    (a,) = m.action_items
    assert a.owner == "张伟"
    assert a.due == D(2024, 3, 13)
    assert a.deliverable == "需求文档V1.0"
    assert "speaker of line 1" in a.evidence[0].reason


def test_addressed_by_name():
    m = minutes_of("张伟：那王强，研发排期表你3月20号之前给我一版。", "王强：行。")
    (a,) = m.action_items
    assert (a.owner, a.due) == ("王强", D(2024, 3, 20))


def test_you_is_the_person_just_answered():
    m = minutes_of("刘洋：主视觉的话月底前应该能出。", "张伟：那主视觉设计稿你月底前给出来。")
    (a,) = m.action_items
    assert a.owner == "刘洋"
    assert a.due == D(2024, 3, 31)
    assert "reply to line 1" in a.evidence[0].reason


def test_mentions_split_two_owners_in_one_message():
    m = minutes_of("许文斌：同意，同批次全部下架召回。@黄丽 你去跟华联采购沟通下架的事，@马超 安排车辆回收",
                   "黄丽：收到", "马超：收到")
    owners = sorted(a.owner for a in m.action_items)
    assert owners == ["马超", "黄丽"]
    assert len(m.decisions) == 1


def test_a_mention_of_me_names_nobody_and_a_hyphened_nickname_is_whole():
    """'有问题群里@我' makes 我 no person (every later 我 was taken for them), and '@财务-钱姐' is 财务-钱姐."""
    m = _rules_only("周振：@财务-钱姐 帮忙算一下活动成本，明天给我个数",
                    "阿杰：周三吧，周三我把新课表发群里",
                    "周振：今天就这些，有问题群里@我")
    assert sorted(a.owner for a in m.action_items) == ["财务-钱姐", "阿杰"]
    assert "我" not in m.meeting.attendees and "财务" not in m.meeting.attendees


def test_who_a_task_is_sent_to_with_an_at_is_not_its_owner():
    m = _rules_only("刘大力：私教这边我把年底到期的会员名单拉一下，周一前发给@Coco ，续费的时候一起跟进",
                    "Coco：👍", date=dt.date(2025, 11, 28))
    (a,) = m.action_items
    assert (a.owner, a.due) == ("刘大力", dt.date(2025, 12, 1))
    assert "会员名单" in a.task


def test_a_word_after_a_comma_that_starts_with_a_surname_is_no_one_addressed():
    m = _rules_only("孙丽华：那就12号吧。汇演就别搞了，天热老人排练太累，简单点，参观、座谈、一起吃个午饭。")
    assert m.action_items == [] and "简单点" not in m.meeting.attendees


def test_how_long_asked_after_a_task_is_that_tasks_date():
    m = _rules_only("孙丽华：那得赶紧弄。建军，全部清洗检修一遍，多久能弄完？",
                    "王建军：46台，我跟小周两个人，嗯……一周吧，下周三前应该能弄完。坏的那几台得叫厂家来。",
                    "孙丽华：行，就下周三前。", date=dt.date(2025, 6, 27))
    (a,) = m.action_items
    assert (a.owner, a.due, a.task) == ("王建军", dt.date(2025, 7, 2), "全部清洗检修一遍")


def test_a_plan_the_speaker_states_with_a_date_is_theirs():
    m = _rules_only("钱桂英：还有培训，这次的事也说明防跌倒这块培训得再抓一下，我打算一个月内把所有护理员轮训一遍。",
                    "孙丽华：好，这个你来安排。", date=dt.date(2025, 6, 27))
    (a,) = m.action_items
    assert (a.owner, a.due, a.task) == ("钱桂英", dt.date(2025, 7, 27), "把所有护理员轮训一遍")
    assert _rules_only("李娜：我打算明年换个工作。").action_items == []


def test_you_after_thanking_someone_is_them():
    m = _rules_only("Ruth Adeyemi: Welcomers: just short two people on Christmas Day.",
                    "Chris Nguyen: I'm at my in-laws in Leeds that week sorry, otherwise I would",
                    "Helen Price: Thanks Ruth. Once the gaps are filled can you send the full welcomer rota round? By Sunday if you can",
                    "Ruth Adeyemi: Will do", date=dt.date(2025, 11, 18))
    (a,) = m.action_items
    assert (a.owner, a.due) == ("Ruth Adeyemi", dt.date(2025, 11, 23))


def test_an_offer_with_a_hesitation_in_it_is_taken_when_accepted():
    m = _rules_only("Alex Reyes: Should I, uh, update the calendar invite?", "Nora Lindqvist: Yes please, thank you Alex.")
    (a,) = m.action_items
    assert a.owner == "Alex Reyes" and a.task == "update the calendar invite"
    assert a.evidence[0].line == 1


def test_an_answer_to_who_is_not_a_restatement_of_the_speakers_last_task():
    m = _rules_only("Tom Becker: I can do the banner. I'll have it printed by Friday.", "Lena Fox: Who is bringing the urn?",
                    "Tom Becker: Me, I'll bring it Saturday morning", date=dt.date(2024, 6, 3))
    urn = [a for a in m.action_items if "urn" in a.task]
    assert len(urn) == 1 and (urn[0].owner, urn[0].due) == ("Tom Becker", dt.date(2024, 6, 8))
    assert all(a.due == dt.date(2024, 6, 7) for a in m.action_items if "urn" not in a.task)


def test_a_quoted_message_in_a_reply_is_not_the_replier_speaking():
    m = extract_text("周凯 10:21\n我这周天天有手术，真抽不出空打电话😂 一鸣不是就住金桥吗\n\n林一鸣 10:22\n"
                     "回复 周凯：我这周天天有手术，真抽不出空打电话😂 一鸣不是就住金桥吗\n行行行我去，我下班顺路去物业问问场地，周五前给你们回话\n",
                     ExtractOptions(meeting_date=dt.date(2025, 4, 17), extractors="rules"))
    (a,) = m.action_items
    assert (a.owner, a.due) == ("林一鸣", dt.date(2025, 4, 18))
    assert a.evidence[0].line == 5  # the message begins at its quote line


def test_a_short_dated_promise_takes_its_object_from_the_clause_before():
    m = _rules_only("许蔓：还有五一的值班表，我这周日前排出来发群里", "陈雪：好的。", date=dt.date(2025, 4, 17))
    (a,) = m.action_items
    assert (a.owner, a.due) == ("许蔓", dt.date(2025, 4, 20)) and "值班表" in a.task


def test_the_name_after_an_ok_is_who_the_speaker_answers():
    m = _rules_only("陈雪：@何佳 你把寄养规则发到老客户群里，顺便把已经来问过的那几个人回复一下",
                    "何佳：好的陈姐，今天中午前发", date=dt.date(2025, 4, 17))
    (a,) = m.action_items
    assert (a.owner, a.due) == ("何佳", dt.date(2025, 4, 17)) and "寄养规则" in a.task


def test_the_chair_approving_a_proposal_with_its_terms_decides():
    """The one who runs the meeting (the host, else who speaks most) approving with the terms ("五千可以，但只限…")
    or siding with someone ("我同意白露的。…") settles it; anyone else saying so gives an opinion."""
    chair = ["林可：好，我们开始。", "苏晓：我想专场那天千川预算加一下，平时一天三千，那天想加到五千。",
             "林可：五千可以，但只限专场当天和前一天，其他时间还是三千。", "林可：那以后周一晚场就停了，多多正好休息一天。",
             "苏晓：好的。", "林可：北门那块可以，就是要走绿化变更的手续，街道那边要审批"]
    m = _rules_only(*chair)
    assert [d.evidence[-1].line for d in m.decisions] == [3, 4]  # "…可以，就是要…": what stands in the way
    sides = _rules_only("唐蔚：好，开始。", "白露：我的意见是原件不上，用高清复制件。", "俞晨：可是那件是重点啊。",
                        "唐蔚：我同意白露的。文物安全第一，龙袍残片展复制件，说明牌上注明。", "唐蔚：下一个。")
    (d,) = sides.decisions
    assert "复制件" in d.text and d.evidence[-1].line == 4
    other = _rules_only("周振：好，开始吧。", "阿杰：我两个方案：一是直接停掉，二是换成普拉提。", "周振：大家怎么看？",
                        "刘大力：普拉提可以，但是得外聘老师，咱们自己没人有证", "周振：那就换普拉提，周日晚上的单车课从12月起停掉")
    assert [d.evidence[-1].line for d in other.decisions] == [5]
    assert _rules_only("林可：白露，三件绣片周五前能弄完吗？", "白露：周五前可以，我这两周就盯这个。",
                       "林可：好。").decisions == []  # a date agreed for a task


def test_the_chairs_own_ways_of_laying_down_a_plan():
    m = _rules_only("钱淑芬：好，开始。", "潘静：我做了两个方案，6号开或者13号开。", "钱淑芬：三周够了。就1月6号开班，年前考完。",
                    "钱淑芬：传单就别印了，剩下的发完就行。", "钱淑芬：所以统一口径：跟学员先别说具体数字，就说按政策执行。",
                    "周建国：我想想……那这样，在售的车先全部做查博士，费用我们出，以后收车的时候顺便做。")
    assert [d.evidence[-1].line for d in m.decisions] == [3, 4, 5]  # 周建国 is not the chair here: he proposes
    boss = _rules_only("周建国：开始吧。", "吕浩：查博士一台两百。", "周建国：我想想……那这样，在售的车先全部做查博士，费用我们出。",
                       "杜晓晨：雅阁过户还在等。", "周建国：那你盯紧点，三天内得有个结果。", date=dt.date(2025, 2, 24))
    assert [d.text for d in boss.decisions] == ["在售的车先全部做查博士，费用我们出"]
    assert [(a.owner, a.due) for a in boss.action_items] == [("杜晓晨", dt.date(2025, 2, 27))]


def test_english_imperatives_ask_the_one_spoken_to_and_give_me_two_weeks_is_a_date():
    m = _rules_only("Ben Carter: Do you need art for that? The board meets again Monday, I think.",
                    "Maria Lopez: Then yes, shoot the board meeting on Monday.",
                    "Ben Carter: I'll get the exteriors tomorrow, I'm out that way anyway.",
                    "Ben Carter: Yeah, I'll pull my best twenty or so of the year. Give me two weeks.",
                    date=dt.date(2024, 12, 4))
    assert [(a.owner, a.due) for a in m.action_items] == [("Ben Carter", dt.date(2024, 12, 9)),
                                                         ("Ben Carter", dt.date(2024, 12, 5)),
                                                         ("Ben Carter", dt.date(2024, 12, 18))]
    assert not any("declined" in (e.reason or "") for a in m.action_items for e in a.evidence)  # "I'm out that way"


def test_english_plans_settled_in_passing():
    m = _rules_only("Dana Whitfield: Okay, so we're replacing the tube, out of the equipment fund. Marcus, can you order it?",
                    "Dana Whitfield: Let's do that. Checkout lists posted on all the big tools, plus extra orientations.",
                    "Dana Whitfield: Okay, open house. We'll do it December seventh, same as last year, noon to five.",
                    "Theo Brandt: I can put out a sign-up sheet.", "Dana Whitfield: Great.", "Grace Kim: Next item.",
                    "Maria Lopez: Okay, so year in review locked by the twentieth. Ben, photos?",
                    "Maria Lopez: Okay, so we're going to talk about the budget first.")
    assert [d.evidence[0].line for d in m.decisions] == [1, 2, 3, 7]
    assert m.decisions[1].text.startswith("Checkout lists posted")
    handed = _rules_only("Amara: They might cover the periodicals if we ask.",
                         "Helen: Let's do that. Amara, talk to the Friends before we finalize anything.")
    assert all("talk to the Friends" not in d.text for d in handed.decisions)
    assert "以后寄件都换" in _rules_only("沈一鸣：好，开始。", "沈一鸣：先说包装。", "欣然：内托一个三块多。",
                                      "沈一鸣：三块多能接受，以后寄件都换珍珠棉内托。", "欣然：好的。").decisions[0].text


def test_two_tasks_in_one_sentence_share_the_deadline():
    m = minutes_of("张伟：陈静你这边下周三前把首批备货数量确认一下，顺便跟工厂把交期敲定。")
    assert [a.owner for a in m.action_items] == ["陈静", "陈静"]
    assert {a.due for a in m.action_items} == {D(2024, 3, 20)}


def test_department_owner_when_no_person_is_named():
    m = minutes_of("杨帆：备货的采购款比较大，财务部那边月底前要把付款审批走完。")
    (a,) = m.action_items
    assert a.owner == "财务部"


def test_collaborator():
    m = minutes_of("李娜：推广方案我这边本周五出个初稿吧，刘洋到时候配合一下。", "刘洋：没问题。")
    (a,) = m.action_items
    assert (a.owner, a.collaborators, a.due) == ("李娜", ["刘洋"], D(2024, 3, 15))


def test_later_correction_moves_the_due_date_and_keeps_both_lines():
    m = minutes_of(
        "张伟：王强，研发排期表你3月20号之前给我一版。",
        "王强：行，我尽量。",
        "王强：张伟，排期表20号可能出不来，能不能宽限到25号？",
        "张伟：25号……行吧，那就25号。",
        "王强：好，25号前肯定给你。",
    )
    (a,) = m.action_items
    assert a.due == D(2024, 3, 25)
    assert {1, 5} <= {e.line for e in a.evidence}


def test_not_tasks_questions_hypotheticals_past_work():
    m = minutes_of(
        "周琳：去年校招海报的源文件你找到了吗？",
        "曹雪：找到了，昨天已经传到共享盘了。",
        "李娜：如果预算够的话，我们可以做个发布会。",
        "王强：固件还有两个bug没关。",
    )
    assert m.action_items == []


def test_decline_is_not_a_task():
    m = minutes_of("袁梅：临时仓合同下周一可能签不了。")
    assert m.action_items == []


def test_english_tasks_with_owners_and_dates():
    m = minutes_of(
        "Priya: Tom, can you get me the API spec for the export endpoints by next Wednesday?",
        "Tom: Next Wednesday... sure.",
        "Mike: I'll put together the regression test plan for 2.4 by end of month.",
        meeting_date=D(2024, 2, 27),
    )
    got = {(a.owner, a.due) for a in m.action_items}
    assert got == {("Tom", D(2024, 3, 6)), ("Mike", D(2024, 2, 29))}


def test_unresolved_due_without_a_meeting_date_keeps_the_phrase():
    m = minutes_of("张伟：需求文档我这边明天更新一下。", meeting_date=None)
    (a,) = m.action_items
    assert a.due is None and a.due_text == "明天"
    assert any(w.code == "no_meeting_date" for w in m.warnings)


def test_meeting_without_tasks_gets_none():
    m = minutes_of("甲：今天天气不错。", "乙：是啊，周末去爬山吗？", "甲：看情况吧。")
    assert (m.decisions, m.action_items) == ([], [])


# -- open questions ------------------------------------------------------------------------------------
def test_deferred_issue_links_the_question():
    m = minutes_of("李娜：这次要不要搞线下发布会？", "张伟：发布会预算得单独申请，这个下次会上再议吧。")
    (q,) = m.open_questions
    assert "发布会" in q.text
    assert {e.line for e in q.evidence} == {1, 2}
    assert m.decisions == []


def test_english_parked_question():
    m = minutes_of("Mike: Are we supporting SSO in the new onboarding?",
                   "Priya: I don't know yet, it depends on the Okta deal. Let's park that for next week.")
    (q,) = m.open_questions
    assert "SSO" in q.text


def test_cancelled_task_is_marked_and_keeps_both_lines():
    m = minutes_of("张伟：李娜你明天把报价单发给客户。", "李娜：好的。", "张伟：算了，报价单这个不用做了，客户那边取消了。")
    (a,) = m.action_items
    assert a.status.value == "cancelled"
    assert {1, 3} <= {e.line for e in a.evidence}


def test_owner_change_later_in_the_meeting():
    m = minutes_of("张伟：王强你周五前把测试报告整理出来。", "王强：好。", "张伟：哦不对，王强下周出差，测试报告改由李娜负责。",
                   attendees=("张伟", "王强", "李娜"))
    (a,) = m.action_items
    assert a.owner == "李娜"
    assert any("owner changed to 李娜" in (e.reason or "") for e in a.evidence)


def test_declined_task_goes_to_who_takes_it():
    m = minutes_of("张伟：王强你周五前把测试报告整理出来。", "王强：我这周排不开。", "李娜：那我来吧，周五前给你。",
                   attendees=("张伟", "王强", "李娜"))
    (a,) = m.action_items
    assert a.owner == "李娜"
    assert a.due == dt.date(2024, 3, 15)


def test_owner_by_title_resolves_to_the_roster_name():
    m = minutes_of("张伟：王总，预算表下周一前您这边审一下。", "张伟：财务的小刘你月底前把报销单汇总一下。",
                   attendees=("张伟", "王强", "刘芳"))
    assert [a.owner for a in m.action_items] == ["王强", "刘芳"]


def test_ambiguous_nickname_stays_as_spoken():
    m = minutes_of("张伟：小王你明天把会议纪要发群里。", attendees=("张伟", "王强", "王磊"))
    (a,) = m.action_items
    assert a.owner == "小王"


def test_delegation_phrasings():
    m = minutes_of("张伟：合同审核由法务部负责，下周五前给意见。", "张伟：整改报告李娜牵头，两周内出。",
                   "张伟：请王强明天把发票寄出去。", attendees=("张伟", "李娜", "王强"))
    assert [(a.owner, a.due) for a in m.action_items] == [
        ("法务部", D(2024, 3, 22)), ("李娜", D(2024, 3, 26)), ("王强", D(2024, 3, 13))]


def test_give_it_to_me_is_self_commitment():
    m = minutes_of("张伟：这个客户的投诉谁跟一下？", "李娜：交给我吧，我今天下班前回复客户。")
    (a,) = m.action_items
    assert a.owner == "李娜" and a.due == D(2024, 3, 12)


def test_object_named_before_the_lead_clause_and_department_collaborator():
    m = minutes_of("韩梅梅：渠道返点的方案，李雷你牵头，财务那边配合核一下成本，这周内给我。", "李雷：没问题",
                   attendees=("韩梅梅", "李雷"))
    (a,) = m.action_items
    assert a.owner == "李雷" and "渠道返点的方案" in a.task
    assert a.collaborators == ["财务"] and a.due == D(2024, 3, 15)


def test_decision_with_a_later_review_is_not_an_open_question():
    m = minutes_of("张伟：返点要不要直接提到8%？", "韩梅梅：8%太高了，先按6%来，下季度看效果再说。")
    assert len(m.decisions) == 1 and m.open_questions == []


def test_english_name_after_a_preposition_is_not_the_owner():
    m = minutes_of("Mei: I'll draft the launch email and send it to Dana for review by next Monday.",
                   meeting_date=D(2025, 3, 4))
    (a,) = m.action_items
    assert (a.owner, a.due, a.deliverable) == ("Mei", D(2025, 3, 10), "launch email")


def test_two_decisions_by_one_speaker_stay_apart():
    m = minutes_of("Dana: Agreed, pricing page stays as is for now.", "Dana: We'll launch on March 17. That's final.")
    assert len(m.decisions) == 2


def test_owner_asks_for_a_later_day_and_gets_it():
    m = minutes_of("赵磊：孙悦，新banner你们周四之前出两版。", "孙悦：周四有点悬，周五上午行不行？", "赵磊：行，周五上午。",
                   meeting_date=D(2025, 4, 14))
    (a,) = m.action_items
    assert (a.owner, a.due) == ("孙悦", D(2025, 4, 18))


def test_a_date_change_elsewhere_does_not_move_an_unrelated_task():
    m = minutes_of("陈浩：@Kevin 我今晚review，没问题的话你这个PR明天merge", "白雪：上线时间呢？原来定的是下周三",
                   "陈浩：那这样，release改到下周四晚上", meeting_date=D(2024, 6, 20))
    assert [(a.owner, a.due) for a in m.action_items] == [("陈浩", D(2024, 6, 20)), ("Kevin", D(2024, 6, 21))]


def test_english_ownership_phrasings():
    m = minutes_of("Sam: Jordan, you own the brief. Can you have it done by Wednesday?", "Jordan: Wednesday works.",
                   "Alex: I'll line up the production vendors by end of next week.",
                   "Sam: Action item: Priya to book the studio once the brief is approved.",
                   meeting_date=D(2025, 6, 2))
    got = [(a.owner, a.due) for a in m.action_items]
    assert got == [("Jordan", D(2025, 6, 4)), ("Alex", D(2025, 6, 13)), ("Priya", None)]
    assert m.action_items[2].task == "book the studio once the brief is approved"


def test_the_issue_stated_earlier_in_the_turn_is_the_open_question():
    m = minutes_of("Alex: Should we also redo the logo?", "Sam: No, not this quarter.",
                   "Jordan: We still don't know if the second designer role is approved. Let's follow up next week.")
    (q,) = m.open_questions
    assert "designer role" in q.text and "logo" not in q.text


def test_who_will_do_it_answered_by_a_volunteer():
    m = minutes_of("项目组：支付回调那个谁来看？", "周峰：我看吧，今晚先查日志，明早给结论", attendees=("周峰",),
                   meeting_date=D(2025, 5, 12))
    (a,) = m.action_items
    assert a.owner == "周峰" and a.task.startswith("支付回调") and a.due == D(2025, 5, 13)
    assert [e.line for e in a.evidence] == [1, 2]


def test_the_person_named_to_organise_owns_the_plan_before_it():
    m = minutes_of("刘洋：回滚方案要不要再演练一次？", "项目组：要，周三下午大家一起演练一次，周峰负责组织",
                   attendees=("周峰", "刘洋"), meeting_date=D(2025, 5, 12))
    (a,) = m.action_items
    assert a.owner == "周峰" and "演练" in a.task


def test_an_answered_who_question_does_not_make_a_second_task():
    m = minutes_of("Jordan: Who's writing the brief?", "Sam: Jordan, you own the brief. Can you have it done by Wednesday?",
                   "Jordan: Wednesday works.", meeting_date=D(2025, 6, 2))
    assert [(a.owner, a.due) for a in m.action_items] == [("Jordan", D(2025, 6, 4))]


@pytest.mark.parametrize("line,deliverable", [
    ("韩冰：曹雪，海报和易拉宝你周三前来做吧。", "海报和易拉宝"),
    ("韩冰：曹雪，PPT模板你周三前一起弄了吧。", "PPT模板"),
    ("方宇：rollback plan我今天写好放confluence上。", "rollback plan"),
    ("韩冰：曹雪你月底前拿个初稿出来。", "初稿"),
    ("周瑜：预算这块我下周一前出一版复盘报告。", "复盘报告"),
])
def test_deliverables(line, deliverable):
    m = minutes_of(line, "曹雪：好的")
    assert m.action_items[0].deliverable == deliverable


def test_not_now_is_a_decision_not_an_open_question():
    m = minutes_of("吴总：测试的HC先不招，等下个季度看业务量再说")
    assert [d.text for d in m.decisions] == ["测试的HC先不招，等下个季度看业务量再说"]
    assert m.open_questions == []


def test_you_must_check_is_an_assignment_to_the_person_answered():
    m = minutes_of("老杨：前端那个能不能先用外包顶一下？", "吴总：外包可以，但是预算你得先跟财务确认",
                   "老杨：行，我明天跟财务对一下")
    (a,) = m.action_items
    assert a.owner == "老杨" and a.due == D(2024, 3, 13)
    assert {e.line for e in a.evidence} == {2, 3}


def test_agreement_tag_is_not_part_of_the_decision():
    m = minutes_of("郑伟：那原则上选A家，大家有没有意见？", "赵强：没有。", "林静：同意。")
    assert [d.text for d in m.decisions] == ["原则上选A家"]


def test_english_wait_and_decide_later_is_open():
    m = minutes_of("Karen: One more thing: do we need a DPA with Google? Legal hasn't confirmed.",
                   "Mia: Let's wait for legal and decide next week.")
    (q,) = m.open_questions
    assert {e.line for e in q.evidence} == {1, 2}


def test_english_task_text_is_the_verb_phrase_and_when_questions_point_back():
    m = minutes_of("David: Docs are done. I still need to record the demo video.", "Anna: When can you have it?",
                   "David: By Thursday end of day.", "Anna: OK. And Priya will handle the press release, she confirmed by email.",
                   "Mike: I'll put together the regression test plan for 2.4 by end of month.",
                   meeting_date=D(2025, 9, 8))
    got = [(a.task, a.owner, a.due, a.deliverable) for a in m.action_items]
    assert got == [("record the demo video", "David", D(2025, 9, 11), None),
                   ("handle the press release", "Priya", None, None),
                   ("put together the regression test plan for 2.4", "Mike", D(2025, 9, 30), "regression test plan for 2.4")]


@pytest.mark.parametrize("asked, task", [
    ("Ann: Bob, when you get a minute, can you please check the invoice?", "check the invoice"),
    ("Ann: Bob, would you mind um at the end of the call could could you send us a copy of your slides?",
     "send us a copy of your slides"),
    ("Ann: Bob, after lunch could you ring the caterer?", "ring the caterer"),
])
def test_english_task_text_leaves_out_the_asking(asked, task):
    """The task is what is asked for, not how politely: 'when you get a minute', 'would you mind', 'please'."""
    (a,) = minutes_of(asked, "Bob: Sure.").action_items
    assert (a.task, a.owner) == (task, "Bob")


@pytest.mark.parametrize("line", [
    "老板：那就推一下，新品定10月8号全部门店上新，不再改了。",
    "老板：成本太高，套餐就用A方案。",
    "老板：附加题这次不出了。",
    "主任：科室层面同意采购这台设备。",
    "厂长：没做安全培训的新人一律不许上岗。",
    "组长：那开题答辩就按 5/20。",
    "组长：好，那就两个方案都报上去。",
    "经理：第二期的会员积分这次砍掉，先保证支付。",
    "组长：行，那培训就约下周三下午两点。",
    "组长：二期的导出功能不进 2.3，放到 Sprint 9 做，上线就按 4/18",
    "组长：平板适配这次 cut 掉，2.3 只保证手机端",
    "导演：好吧，第五场改外景",
    "导演：开头那段旁白我想了想删了算了，跟后面不搭",
    "Dana: ok, the 2.1 release moves to March 18. I've updated the board",
    "Dana: Seventeen, okay. Then we skip the Friday standup.",
    "Dana: Okay, Thursday it is, we book the hall.",
    "Dana: I think we take the Harbor Logistics offer then.",
])
def test_more_ways_to_state_a_decision(line):
    assert len(minutes_of(line).decisions) == 1


@pytest.mark.parametrize("turns", [
    ("周工：供应商报价还在等采购 confirm，到底用哪家领导还没拍板。",),
    ("Ann: That's what it is.",),
    ("主管：就这样，有事随时找我。",),
    ("组员：我觉得测试环境可以先用旧的。", "主管：那就这样，有问题随时 ping 我"),
    ("主管：那就麻烦你了。",),
])
def test_no_decision_in_these(turns):
    assert minutes_of(*turns).decisions == []


def test_a_choice_made_by_naming_the_option_is_a_decision():
    m = minutes_of("刘佳：摄影师有两个人选，老郑稳一点，阿K风格新一点，报价差不多。", "孟凡：我倾向老郑，家里人也喜欢。",
                   "何琳：那就老郑")
    assert len(m.decisions) == 1
    m = minutes_of("孟凡：电子版和纸质版要不要都做？", "何琳：可以，那就两种都做")
    assert len(m.decisions) == 1


def test_a_proposal_put_off_then_acknowledged_is_no_decision():
    m = minutes_of("孟凡：要不每桌再加一份果盘？", "何琳：那预算又超了……果盘先放着吧，回头再商量",
                   "刘佳：好的，果盘待定")
    assert m.decisions == []
    assert len(m.open_questions) == 1


def test_i_will_ask_someone_and_report_back_is_a_task():
    m = minutes_of("刘佳：OK，我问下老郑5月3号有没有空，有结果群里说")
    assert [a.owner for a in m.action_items] == ["刘佳"]
    assert minutes_of("刘佳：我问一下，预算批下来了吗？").action_items == []


def test_not_enough_bandwidth_declines_and_a_volunteer_takes_the_task():
    m = minutes_of("Kevin：@王磊 你能抽空把压测跑一下吗", "王磊：我这周 bandwidth 真不够，压测给我的话得下周了",
                   "Mia：我来跑吧，周五前出压测报告", meeting_date=D(2025, 3, 17))
    assert [(a.owner, a.due) for a in m.action_items] == [("Mia", D(2025, 3, 21))]


def test_a_task_after_a_status_clause_and_a_task_handed_on_by_absence():
    m = minutes_of("韩冬：报价的事怎么说", "方芳：供应商还没报，我两天内把报价要过来发给韩总", meeting_date=D(2025, 3, 26))
    assert [(a.owner, a.due) for a in m.action_items] == [("方芳", D(2025, 3, 28))]
    m = minutes_of("韩冬：@罗杰 新同事的系统培训你带一下", "罗杰：韩总，我下周出差，7号到9号都不在",
                   "方芳：我来带吧，下周二下午我有空", meeting_date=D(2025, 3, 26))
    assert [a.owner for a in m.action_items] == ["方芳"]


def test_more_ways_a_speaker_takes_a_task():
    m = minutes_of("导演：场地谁来订？", "小川：棚我来订，我跟他们老板熟", "罗佳：群演我来吧，我有个熟的中介，下周一前把名单给你们",
                   "小川：还有保险和场地合同，我10月5号前全部签完", meeting_date=D(2025, 9, 30))
    assert [(a.owner, a.due) for a in m.action_items] == [("小川", None), ("罗佳", D(2025, 10, 6)), ("小川", D(2025, 10, 5))]


def test_a_date_answer_is_no_name_and_a_report_is_no_task():
    m = minutes_of("导演：苏晴，道具清单什么时候能出来？", "苏晴：明天吧，明天我给你", meeting_date=D(2025, 9, 30))
    assert [(a.owner, a.due) for a in m.action_items] == [("苏晴", D(2025, 10, 1))]
    assert minutes_of("赵鹏：我这边补充一下清运的情况，湿垃圾现在每天两趟").action_items == []


def test_install_a_task_before_deciding_and_a_task_with_a_question_tag():
    m = minutes_of("车间主任：行，按周四到货排。@老杜 到了当天就装上，装完试机",
                   "车间主任：这个先不回复客户，我明天跟计划科碰一下排期再说",
                   "小宋：商品详情的文案我周五前弄好，中英文都要吧？", meeting_date=D(2024, 11, 19),
                   attendees=("车间主任", "老杜", "小宋"))
    assert [a.owner for a in m.action_items] == ["老杜", "车间主任", "小宋"]
    assert m.action_items[1].due == D(2024, 11, 20) and m.action_items[2].due == D(2024, 11, 22)


def test_a_lets_proposal_taken_up_is_a_decision_and_parking_it_is_not():
    m = minutes_of("Priya: then let's run the slow suite only at night, not on every PR. Ellie, can you own that?",
                   "Ellie: yep, nightly-only works for me. I'll get it done by Friday")
    assert len(m.decisions) == 1
    m = minutes_of("Tom: that's a question for the board, not for triage", "Priya: agreed, parking it for the board call")
    assert m.decisions == [] and len(m.open_questions) == 1


@pytest.mark.parametrize("turns", [
    ("家委会：学校通知运动会定在10月12号，每个班出两个节目",),
    ("班主任：研学的事学校还没定，等定了我第一时间通知大家",),
    ("护士：药房说下月起要改成单剂量发药，那我们的流程是不是也要跟着改",),
])
def test_no_decision_of_ours_in_these(turns):
    assert minutes_of(*turns).decisions == []


def test_a_goodbye_and_a_status_are_no_tasks():
    assert minutes_of("贺川：下周见，给猫铲屎去了").action_items == []
    assert minutes_of("贺川：下周见，我去给猫铲屎了。").action_items == []
    assert minutes_of("苏悦：我这边主要在做年度选题的资料整理，已经整理到第三季度了").action_items == []


def test_who_takes_a_task_said_after_it():
    m = extract_text("王经理：新来的电工必须先做完安全培训才能上岗，这个赵立新你负责。",
                     ExtractOptions(attendees=("王经理", "赵立新"), extractors="rules"))
    assert [a.owner for a in m.action_items] == ["赵立新"]


def test_doing_the_named_thing_is_a_task_and_takes_over_a_declined_one():
    m = minutes_of("Tom: release notes. Sam, want them again?", "Sam: honestly I'd rather not, I did the last three. Jun?",
                   "Jun: I'll do the release notes. within two weeks is fine, right?",
                   "Priya: it has to land before the release, so by Feb 10 please", "Jun: 👍 by Feb 10",
                   meeting_date=D(2025, 1, 30))
    assert [(a.owner, a.due) for a in m.action_items] == [("Jun", D(2025, 2, 10))]


def test_not_decided_yet_is_an_open_question():
    m = minutes_of("周工：供应商用哪家，领导还没拍板，等下周再说。")
    assert len(m.open_questions) == 1


def test_adding_to_a_report_now_is_no_task():
    assert minutes_of("站长：我补充一下转运站这边的情况，这个月的量比上个月多了两成。").action_items == []


def test_result_complement_verbs_nicknames_and_handing_in():
    m = minutes_of("潘总：阿刚，仓库门口的纸箱你今天下班前清掉。", "潘总：婷婷，9月的复盘报告周五前交给我。",
                   "潘总：上周数据婷婷你先报一下。", "潘总：我最近在谈两家渠道的分销。",
                   attendees=("潘总", "罗志刚", "谢婷婷"))
    assert [(a.owner, a.due) for a in m.action_items] == [("罗志刚", D(2024, 3, 12)), ("谢婷婷", D(2024, 3, 15))]


@pytest.mark.parametrize("turns", [
    ("Ann: So the questions I've given you, could you write that down?",),
    ("Ann: You can just finish my presentation please, it's over there.",),
    ("Ann: and uh I'll see you again uh when the computer tells us to.",),
    ("Ann: Let me check. I know.",),
    ("Ann: If you need some help, just let me know so I can coordinate all the teams.",),
    ("Ann: And if anything you need anytime, please either you can call me, or just send me email.",),
    ("Ann: Can you tell us about the market research, Bob?",),
    ("Ann: Ready for the next slide?", "Bob: Forward."),
    ("Ann: One more round of questions?", "Bob: Bring it on."),
    ("Ann: Right, that's the hour. Finish meeting now.",),
    ("Ann: I'll explain myself here and now, since the numbers look odd.",),
    ("Ann: Oh, this one? I'll just put it up here.",),
    ("Ann: Hmm, I think I'll just check that.",),
    ("Ann: With a bigger screen I'll be able to do a better job.",),
])
def test_english_requests_for_now_and_offers_are_not_tasks(turns):
    """Spoken meetings ask for things in the room ('write that down', 'tell us about') and offer help
    ('if you need anything, let me know'): none is a task for after the meeting."""
    assert minutes_of(*turns, attendees=("Ann", "Bob")).action_items == []


@pytest.mark.parametrize("line, owner", [
    ("Ann: Let me check with finance and get back to you by Friday.", "Ann"),
    ("Ann: Bob, could you write up the notes and send them round tomorrow?", "Bob"),
    ("Ann: Please let me know by Friday which vendor you pick, Bob.", "Bob"),
    ("Ann: Bob, forward the invoice to accounts, would you?", "Bob"),
    ("Ann: Bob? Send it over when you're back.", "Bob"),
    ("Ann: I'll just check it with the caterer tonight.", "Ann"),
])
def test_english_tasks_that_look_like_requests_for_now_stay(line, owner):
    assert [a.owner for a in minutes_of(line, attendees=("Ann", "Bob")).action_items] == [owner]


def test_a_role_on_the_roster_is_not_named_by_its_first_word():
    """'Project documents, yeah.' names no one: 'Project' is part of the role 'Project Manager', not a name."""
    m = minutes_of("Project Manager: There's a project documents link on the desktop.",
                   "Marketing Expert: Project documents, yeah.",
                   attendees=("Project Manager", "Marketing Expert"))
    assert m.action_items == []


def test_the_group_saying_it_decided_is_a_decision():
    m = minutes_of("张伟：好，我们决定先在安卓端灰度发布百分之十的用户，没有问题再逐步扩大。",
                   "王强：这个我们决定不了，得问老板。")
    assert [d.text for d in m.decisions] == ["我们决定先在安卓端灰度发布百分之十的用户，没有问题再逐步扩大"]


@pytest.mark.parametrize("line, task", [
    ("李娜：我负责在下周三之前完成回归测试，并提交测试报告。", "完成回归测试，并提交测试报告"),
    ("王强：我在这个星期五之前把服务器扩容方案发给大家。", "把服务器扩容方案发给大家"),
    ("王强：我来负责一号库，周五前盘完。", "负责一号库，盘完"),
])
def test_chinese_task_text_drops_the_speaker_taking_it_and_the_date(line, task):
    assert [a.task for a in minutes_of(line).action_items] == [task]


def test_a_department_after_its_verb_leaves_the_verb():
    """'我来联系市场部': 联系 is the task's verb, not part of a department's name."""
    m = minutes_of("王强：我在这个星期五之前把服务器扩容方案发给大家。", "张伟：宣传方面，我来联系市场部，在下周一之前确认宣传时间。")
    assert [(a.owner, a.due) for a in m.action_items] == [("王强", D(2024, 3, 15)), ("张伟", D(2024, 3, 18))]


def test_unlabelled_speech_taking_on_new_work_is_a_new_task():
    """Without speaker labels, '我来…' right after a task confirms it only if it names no new work."""
    m = minutes_of("这样服务器的压力会增加，我在这个星期五之前把服务器扩容方案发给大家。",
                   "没问题，宣传方面，我来联系市场部，在下周一之前确认宣传时间。")
    assert [a.due for a in m.action_items] == [D(2024, 3, 15), D(2024, 3, 18)]
    m = minutes_of("王强你把周报写一下", "好我下周三之前写完发出来", attendees=("王强", "张伟"))
    assert [(a.owner, a.due) for a in m.action_items] == [("王强", D(2024, 3, 20))]


def test_leading_filler_is_dropped_whole():
    from extractor.text import tidy

    assert tidy("好的。目前核心功能基本测完了") == "目前核心功能基本测完了"
    assert tidy("好,那就这样") == "就这样"
    # an English filler is a whole word: "sort…" and "Andrew…" keep their first letters
    assert tidy("sort the order with Hambleton's") == "sort the order with Hambleton's"
    assert tidy("Andrew will book the hall.") == "Andrew will book the hall"
    assert tidy("So, okay, book the hall") == "book the hall"


def test_a_deferral_in_speech_takes_no_question_from_a_minute_before():
    """Speech segments can be long: the question a deferral answers is at most 20 seconds back."""
    from extractor import ExtractOptions, extract_minutes
    from extractor.schema import MeetingInfo, Transcript, Utterance

    said = [(0.0, 30.0, "好,那上线的时间,大家有什么意见?我觉得三月二十号比较合适。"), (30.0, 36.0, "好,那就这样定下来。"),
            (67.8, 71.8, "还有一个问题,苹果端的审核时间还不确定,需要下次会议再跟进。")]
    t = Transcript(format="audio", language="zh", meeting=MeetingInfo(),
                   utterances=[Utterance(index=k, line=k + 1, start=a, end=b, text=x, norm=x)
                               for k, (a, b, x) in enumerate(said)])
    m = extract_minutes(t, ExtractOptions())
    assert [[e.line for e in q.evidence] for q in m.open_questions] == [[3]]


def test_unlabelled_speech_the_person_given_the_floor_takes_on_the_task():
    m = minutes_of("先请李娜说一下测试的进度。", "好的，目前核心功能基本测完了。", "我负责在下周三之前完成回归测试。",
                   attendees=("张伟", "李娜"))
    assert [a.owner for a in m.action_items] == ["李娜"]
    assert "asked to speak at line 1" in m.action_items[0].evidence[0].reason
    # a question put in between: the floor may have moved on
    m = minutes_of("先请李娜说一下测试的进度。", "那支付模块什么时候能测完？", "我负责在下周三之前完成回归测试。",
                   attendees=("张伟", "李娜"))
    assert [a.owner for a in m.action_items] == [None]


def test_a_decision_drops_the_words_that_only_settle_it():
    m = minutes_of("张伟：好，那就这样定下来，新版的上线日期定在3月20号。")
    assert [d.text for d in m.decisions] == ["新版的上线日期定在3月20号"]


def test_a_status_round_with_nothing_decided_or_to_do_has_no_items():
    """Reports of what is done ('我这边说一下…已经切完了'), 'nobody reported a problem', and the chair closing
    ('那就这样，大家周末愉快') are no decision and no task."""
    m = minutes_of("丁蕾：我这边说一下报销系统迁移，周三晚上已经切完了，这两天没收到报错，大家用着也没反馈问题。",
                   "邵凡：我也没了。", "丁蕾：那就这样，大家周末愉快。")
    assert (m.decisions, m.action_items, m.open_questions) == ([], [], [])


def test_a_speaker_labelled_by_title_is_the_attendee():
    """'卢工：…我们公司这周内出施工方案' with 卢志刚 on the list: the task is 卢志刚's."""
    m = minutes_of("卢工：施工方案我这周内出一版发给物业。", attendees=("卢志刚", "张立军"))
    assert [a.owner for a in m.action_items] == ["卢志刚"]
    assert m.action_items[0].evidence[0].speaker == "卢志刚"


@pytest.mark.parametrize("line", ["韩路你那边招聘怎么样了", "上周那三个差评回访了没", "项目走不开，怕是弄不了",
                                  "dashboard我上周就配好了", "先请电梯公司的卢工介绍一下施工安排吧"])
def test_status_asks_refusals_and_work_already_done_are_not_tasks(line):
    assert minutes_of("冯总：" + line, attendees=("冯总", "韩露", "卢志刚")).action_items == []


def test_english_lock_it_in_settles_what_follows_and_a_flat_no_rejects():
    m = minutes_of("Marcus: We could ship offline as read-only first and skip editing.",
                   "Priya: Read-only doesn't fix the work order problem though. So no.",
                   "Priya: Alright, let's lock it in. 3.2 ships with full offline mode, and dark mode moves to 3.3. "
                   "Everyone okay with that?", "Aisha: Works for me.")
    assert [d.text for d in m.decisions] == ["3.2 ships with full offline mode, and dark mode moves to 3.3"]


def test_a_refusal_taken_back_in_the_same_breath_is_a_task():
    m = minutes_of("王海峰：修，下周一能出T1样品吗", "孙浩：有点赶，我尽量，下周一下午给样品",
                   attendees=("王海峰", "孙浩"), meeting_date=D(2025, 6, 5))
    assert [(a.owner, a.due) for a in m.action_items] == [("孙浩", D(2025, 6, 9))]


def test_a_declined_task_handed_on_with_na_x_ni_lai_changes_owner():
    m = minutes_of("宋雅琴：预警规则得在系统里配，吴迪你来弄一下？", "吴迪：那个项目走不开，怕是弄不了。", "宋雅琴：那郑磊你来？",
                   "郑磊：行，我来配，下周三之前上线。", attendees=("宋雅琴", "吴迪", "郑磊"), meeting_date=D(2025, 3, 28))
    assert [(a.owner, a.due) for a in m.action_items] == [("郑磊", D(2025, 4, 2))]


def test_chinese_keep_on_it_tasks_and_next_week_deferrals():
    m = minutes_of("冯总：消防这块许文博你继续盯着，下周五之前一定要把验收拿下来。",
                   "冯总：这个我再想想，外卖什么时候上先不定，下周再说。", attendees=("冯总", "许文博"))
    assert [(a.owner, a.due) for a in m.action_items] == [("许文博", D(2024, 3, 22))]
    assert len(m.open_questions) == 1 and "外卖" in m.open_questions[0].text


def test_a_pledge_with_a_deadline_is_the_speakers_task_without_a_task_verb():
    m = minutes_of("冯总：这个得抓紧啊，开业前人必须到齐", "许静：好的我尽量 不是 我保证十五号之前全部到岗",
                   "王强：我肯定没问题", attendees=("冯总", "许静", "王强"), meeting_date=D(2025, 1, 6))
    assert [(a.task, a.owner, a.due) for a in m.action_items] == [("全部到岗", "许静", D(2025, 1, 15))]


def test_stopping_a_practice_is_a_decision_and_ordering_from_a_supplier_a_task():
    m = minutes_of("王海峰：库存这2000台全检，断的和有裂纹的全部返工换壳，不抽检了",
                   "赵婷：那后面的料怎么弄，国产的仓库里还有一吨多",
                   "王海峰：后面生产先换回科思创，国产料先别用了，等报告出来再说", "赵婷：好的，我跟科思创下单",
                   "刘建国：我先不做了，今天先不说了", attendees=("王海峰", "赵婷", "刘建国"))
    assert [d.text[-5:] for d in m.decisions] == ["，不抽检了", "告出来再说"]
    assert [(a.task, a.owner) for a in m.action_items] == [("跟科思创下单", "赵婷")]


def test_a_short_task_naming_new_work_is_not_a_restatement_of_the_speakers_task_before():
    m = minutes_of("王海峰：料的事谁来跟一下？", "赵婷：我来吧，我今天就给他们业务打电话，周三前把报告要回来",
                   "赵婷：那后面的料怎么弄", "王海峰：后面生产先换回科思创", "赵婷：好的，我跟科思创下单",
                   attendees=("王海峰", "赵婷"), meeting_date=D(2025, 6, 5))
    assert [(a.owner, [e.line for e in a.evidence][-1]) for a in m.action_items] == [("赵婷", 2), ("赵婷", 5)]


def test_chinese_postponed_kept_and_called_off_decisions_and_an_assent_that_settles_a_new_topic():
    m = minutes_of("钱立新：热力图不进二期，放到三期去做。",
                   "冯雪：好，那我去跟客户解释一下，然后把这个需求登记到三期需求池里，本周五之前。",
                   "沈浩：行 那开业时间先不动 还是按一月二十号", "许静：嗯 那就不请了 内部搞个简单的仪式就行",
                   "沈浩：那就不说了，散会", attendees=("钱立新", "冯雪", "沈浩", "许静"), meeting_date=D(2024, 11, 4))
    assert [[e.line for e in d.evidence] for d in m.decisions] == [[1], [3], [4]]
    assert {(a.owner, a.due) for a in m.action_items} == {("冯雪", D(2024, 11, 8))}


def test_english_task_text_drops_fillers_and_a_status_clause_is_no_task():
    m = minutes_of("Dana: Um I I'll get the ones up for next time, um they're not finished yet.", "Lee: Okay.",
                   attendees=("Dana", "Lee"))
    assert [(a.task, a.owner) for a in m.action_items] == [("get the ones up for next time", "Dana")]


def test_a_task_declined_with_its_reason_goes_to_who_volunteers_and_the_reason_is_no_task():
    m = minutes_of("陈建华：@周婷 你今天下午去盛达那边一趟吧，当面谈退换货",
                   "周婷：陈总我今天下午要带新人去汉口店盘点，早就约好了，实在走不开[流泪]",
                   "马小军：我去吧，反正盛达在东西湖，离仓库近，我封完箱就过去",
                   attendees=("陈建华", "周婷", "马小军"), meeting_date=D(2024, 8, 14))
    assert [(a.task, a.owner) for a in m.action_items] == [("当面谈退换货", "马小军")]


def test_a_proposal_asked_as_a_question_and_answered_in_its_words_is_a_decision():
    m = minutes_of("陈建华：盛达这批杯子全部停用，仓库剩下的38箱先封存", "王慧：这批货款我们还没付，尾款是1.2万，要不要先压着",
                   "陈建华：先压着，质量问题没说清楚之前一分钱都不付", "王慧：收到👌",
                   "王慧：要不要换个供应商", "陈建华：这个再看看吧", attendees=("陈建华", "王慧"))
    assert [[e.line for e in d.evidence] for d in m.decisions] == [[1], [2, 3]]


def test_reported_proposals_and_concerns_are_not_tasks_of_who_raised_them():
    m = minutes_of("邵文杰：今天主要过三个提案：一个是龚婷提的客户端用Flutter重写，一个是离线开锁。",
                   "邵文杰：我这边的顾虑是，5.0定的是4月底发布，三个月重写肯定赶不上。", attendees=("邵文杰", "龚婷"))
    assert m.action_items == []


def test_a_second_object_for_the_same_owner_in_one_sentence_without_its_own_date_is_one_task():
    m = minutes_of("孟庆华：@杨雪梅 好，护理文书自查这周五前做完，问题清单发我", "杨雪梅：好的",
                   "孟庆华：@蒋涛 明天上午开好5个只读账号，账号密码单独发我，别发群里",
                   attendees=("孟庆华", "杨雪梅", "蒋涛"), meeting_date=D(2024, 11, 19))
    assert [(a.owner, a.due) for a in m.action_items] == [("杨雪梅", D(2024, 11, 22)), ("蒋涛", D(2024, 11, 20))]
    assert "问题清单" in m.action_items[0].task and "账号密码" in m.action_items[1].task


def test_own_department_asking_an_office_and_waiting_for_its_answer():
    m = minutes_of("黄佳：高警示药品专柜的标识是按旧版规范做的，不知道这次检查组按哪个版本查",
                   "孟庆华：这个我也不确定，我去问一下市质控中心，有结果再说。标识先别动",
                   "钟丽：@孟庆华 迎检汇报PPT谁来做？", "孟庆华：还是我们医务科来做，下周二前出来",
                   "范国强：总务这边我想把大厅的墙重新刷一下", "孟庆华：刷墙就算了，导视牌坏了的换掉就行",
                   attendees=("黄佳", "孟庆华", "钟丽", "范国强"), meeting_date=D(2024, 11, 19))
    assert [(a.owner, a.due) for a in m.action_items] == [("孟庆华", None), ("孟庆华", D(2024, 11, 26))]
    assert "市质控中心" in m.action_items[0].task
    assert len(m.open_questions) == 1
    assert [[e.line for e in d.evidence] for d in m.decisions] == [[6]]


def test_unpunctuated_speech_asking_when_is_answered_by_the_one_asked():
    m = minutes_of("嗯 拍照的话 我要先约摄影师 那个 菜得先做出来才能拍", "那罗晶 你哪天能把菜都做一遍",
                   "嗯 下周一吧 下周一上午 我在中央厨房做 你们过来拍", attendees=("罗静", "宋雨"),
                   meeting_date=D(2025, 4, 8))
    assert [(a.owner, a.due, [e.line for e in a.evidence]) for a in m.action_items] == \
        [("罗静", D(2025, 4, 14), [2, 3])]


def test_unpunctuated_speech_conditions_asks_and_turned_down_proposals_are_no_items():
    m = minutes_of("嗯 这样吧 小龙虾 上是肯定要上的 定价先不定 等秋明那边把五月的采购价谈下来 下次再定价格",
                   "还有那个 门店培训 韩小东 你那边怎么安排", "上次试吃完大家也都提了意见 那个 罗晶你先说一下现在 就是 定了几道",
                   "就往前挪 挪到十八号 不行 十八号周五也是高峰",
                   "那培训就放在 十六号 十七号 分两批 在中央厨房 这个就这样",
                   attendees=("罗静", "邱明", "韩晓东"), meeting_date=D(2025, 4, 8))
    assert m.action_items == []
    assert [[e.line for e in d.evidence] for d in m.decisions] == [[5]]


def test_english_approval_decline_handed_on_kick_off_and_an_open_item():
    m = minutes_of("Hannah: Olivia, do you want to kick us off with email?", "Diego: What about SMS this year?",
                   "Hannah: I don't want to decide that today without seeing a cost. Let's leave SMS as an open item for now.",
                   "Hannah: That's within what we set aside. Okay, approved. Four temps from November 11th.",
                   "Hannah: Diego, can you get an order in?",
                   "Diego: I can, but honestly I'm swamped with the wholesale accounts this week. Sam, could you do it?",
                   "Sam: Sure, I'll put in the box order. I'll get it in before the end of the month.",
                   attendees=("Hannah", "Olivia", "Diego", "Sam"), meeting_date=D(2024, 9, 26))
    assert [d.text for d in m.decisions] == ["Four temps from November 11th"]
    assert [(a.owner, a.due) for a in m.action_items] == [("Sam", D(2024, 9, 30))]
    assert len(m.open_questions) == 1 and "SMS" in m.open_questions[0].text


def test_helping_to_rally_is_a_task_and_moving_it_where_asks_rather_than_decides():
    m = minutes_of("唐俊：我在B区业主群里也帮着动员一下，B区是直接受影响的。",
                   "周国平：那快递柜的事先放一放，郑经理你先去跟丰巢问问能不能挪、挪到哪，下次开会再议。",
                   attendees=("周国平", "郑晓燕", "唐俊"))
    assert [a.owner for a in m.action_items] == ["唐俊", "郑晓燕"]
    assert m.decisions == [] and len(m.open_questions) == 1


def test_you_raise_it_is_a_task_and_a_report_of_what_release_notes_say_is_no_decision():
    m = minutes_of("苏晴：是上周二发的那个版本吧，release note里写了batch get改成lazy load",
                   "Lily：另外feature store团队那边要不要提个issue？", "林子豪：要提。Lily 你来提吧",
                   "Lily：ok，我明天上午提", attendees=("苏晴", "Lily", "林子豪"), meeting_date=D(2025, 1, 9))
    assert m.decisions == []
    assert [(a.owner, a.due) for a in m.action_items] == [("Lily", D(2025, 1, 10))]


def test_what_the_meeting_settles_today_is_its_agenda_not_a_task():
    m = minutes_of("林子豪：早，search v2 的上线计划今天得定一下 @Leo @Cindy", "Leo：好",
                   "林子豪：Cindy 你今天把方案定一下发给我", attendees=("林子豪", "Leo", "Cindy"),
                   meeting_date=D(2025, 7, 7))
    assert [(a.owner, a.due) for a in m.action_items] == [("Cindy", D(2025, 7, 7))]


def test_a_space_after_a_latin_word_does_not_cut_a_clause_but_a_space_in_chinese_speech_does():
    from extractor.text import split_clauses

    assert [c for _, c in split_clauses("Jason 负责rollback，孔维 cronjob 你来")] == ["Jason 负责rollback", "孔维 cronjob 你来"]
    assert [c for _, c in split_clauses("嗯 下周一吧 下周一上午 我在中央厨房做")] == ["嗯", "下周一吧", "下周一上午", "我在中央厨房做"]
    assert [c for _, c in split_clauses("谢谢小军🙏 合同和质检标准我发你")] == ["谢谢小军🙏", "合同和质检标准我发你"]


def test_a_task_given_up_much_later_goes_to_who_takes_it_over():
    m = minutes_of("豆豆妈：车的话我来联系吧，我老公单位有合作的大巴", "朵朵妈妈：太好了🙏",
                   "轩轩妈妈：保险交给我，名单24号前给我", "张老师：我明天上午跟园长报备一下",
                   "豆豆妈：各位不好意思😭 刚接到通知下周要出差，26号也赶不回来，大巴那边我实在顾不上了，只能先退出了",
                   "朵朵妈妈：没事没事 工作要紧[拥抱]", "Cici妈妈：那大巴我接过来吧，我之前订过几次车，这周内把车定好",
                   attendees=("豆豆妈", "朵朵妈妈", "轩轩妈妈", "张老师", "Cici妈妈"), meeting_date=D(2024, 10, 15))
    bus = [a for a in m.action_items if 1 in [e.line for e in a.evidence]]
    assert [(a.owner, a.due) for a in bus] == [("Cici妈妈", D(2024, 10, 18))]
    assert all(a.owner != "豆豆妈" for a in m.action_items)


def test_giving_the_floor_is_no_task():
    m = minutes_of("钱丽萍：先请何磊同志通报一下防汛准备情况", "Chair: Priya, you wanted to raise the orientation schedule?",
                   attendees=("钱丽萍", "何磊", "Chair", "Priya"))
    assert m.action_items == []


def test_a_motion_carried_is_the_motion_and_hearing_none_settles():
    m = minutes_of("Tom: I move that we approve up to forty-five hundred dollars for a walk-in freezer.", "Priya: Second.",
                   "Diane: Any discussion? No? All in favor? ... That's six ayes, none opposed. Motion carries.",
                   "Diane: Marcus, go ahead and place the order.", "Marcus: Will do, by the 15th.",
                   "Diane: Next, the spring food drive. Priya?", "Priya: I'd like to do May 3rd instead.",
                   "Diane: Does anyone object to May 3rd? Okay, hearing none, May 3rd it is.",
                   "Grace: Should we also talk about the van insurance renewal?",
                   "Diane: Let's hold that for next month too, we're already over time.",
                   attendees=("Tom", "Priya", "Diane", "Grace"))
    assert ["freezer" in d.text for d in m.decisions] == [True, False]
    assert "May 3rd" in m.decisions[1].text
    assert len(m.open_questions) == 1


def test_formal_minutes_the_meeting_agrees_and_we_will_push_it_on_confirms_the_task():
    m = minutes_of("主任：好。会议同意3号楼2单元加装电梯设计方案，先行试点。",
                   "主任：请许敏同志抓紧组织其余单元居民的意见征询，本月底前把征询结果报街道。", "许敏：好的，我们尽快推进。",
                   attendees=("主任", "许敏"), meeting_date=D(2025, 7, 15))
    assert len(m.decisions) == 1
    assert [(a.owner, a.due, [e.line for e in a.evidence]) for a in m.action_items] == [("许敏", D(2025, 7, 31), [2, 3])]


def test_posting_to_the_chat_or_presenting_now_is_no_task_but_with_a_date_it_is():
    m = minutes_of("贾悦：我这边出了两版海报，把两版丢群里大家看看", "王强：韩冰 你 把 方案 讲一下",
                   "王强：贾悦明天把定稿丢群里", attendees=("贾悦", "王强", "韩冰"), meeting_date=D(2025, 6, 3))
    assert [(a.owner, a.due) for a in m.action_items] == [("贾悦", D(2025, 6, 4))]


def _rules_only(*turns: str, date: dt.date = dt.date(2025, 3, 3)):
    return extract_text("\n".join(turns), ExtractOptions(meeting_date=date, extractors="rules"))


def test_who_takes_a_task_asked_about_named_by_the_chair_with_a_collaborator():
    asked = "周强：新员工培训这块谁来带？下周五前要把培训手册整理出来。"
    for reply in ("李明：我最近实在忙不过来。", "何佳：我来带吧。", "何佳：我可以带，但是课件那块我不熟。"):
        m = _rules_only(asked, reply, "周强：那就何佳带，马老师配合。")
        (a,) = m.action_items
        assert (a.owner, a.collaborators, a.due) == ("何佳", ["马老师"], dt.date(2025, 3, 14)), reply
        assert "培训手册" in a.task and "下周五" not in a.task
        assert [e.line for e in a.evidence][0] == 1


def test_the_one_who_asks_does_not_answer_their_own_question():
    m = _rules_only("周强：新员工培训这块谁来带？下周五前要把培训手册整理出来。", "周强：大家想想。")
    assert m.action_items == []


def test_a_task_asked_for_with_nobody_named_goes_to_who_says_yes():
    m = _rules_only("宋建国：蒋老师来了正好，物理的卷子也是4月15号前交给我。", "蒋涛：好的好的，物理我们组已经在出了。")
    (a,) = m.action_items
    assert (a.owner, a.due) == ("蒋涛", dt.date(2025, 4, 15))
    # a date said in passing is no request, and the one who asked does not take it
    assert _rules_only("宋建国：今天主要两个事，一个是期中考试的安排。", "蒋涛：好的。").action_items == []
    assert _rules_only("宋建国：物理的卷子4月15号前交给我。", "宋建国：好。").action_items == []


def test_a_bare_verb_takes_its_object_from_the_line_before():
    m = _rules_only("孙大勇：那个是我们班的人拆的，为了吊钢筋，吊完忘了装回去。我今天下班前装好。",
                    "王建军：供应商的补充协议还没签。", "李娜：我明天签。", date=dt.date(2025, 7, 14))
    assert [(a.owner, a.due) for a in m.action_items] == [("孙大勇", dt.date(2025, 7, 14)), ("李娜", dt.date(2025, 7, 15))]
    assert "装回去" in m.action_items[0].task and "补充协议" in m.action_items[1].task
    assert [e.line for e in m.action_items[1].evidence] == [2, 3]


def test_assigned_in_passing_with_a_helper():
    m = _rules_only("说话人3：成绩分析这个谁弄？", "韩磊：那还是我来吧。", "宋建国：行 那韩老师做 琳老师帮着录 4月24号之前把分析弄出来",
                    )
    (a,) = m.action_items
    assert (a.owner, a.due) == ("韩磊", dt.date(2025, 4, 24))


def test_a_decline_that_offers_another_day_goes_to_who_takes_it_that_day():
    m = _rules_only("老周：@大鹏 你明天去把场地订金交了，他们说要先交500订金才给锁场", "大鹏：明天白天上班走不开啊，要不周六上午去？",
                    "老周：周六怕被别人订走了", "王姐：我明天正好去体育中心那边办事，订金我去交吧", "老周：那王姐去，谢谢王姐",
                    date=dt.date(2024, 11, 28))
    (a,) = m.action_items
    assert (a.owner, a.due) == ("王姐", dt.date(2024, 11, 29))
    assert m.decisions == []  # "周六怕被别人订走了" turns the offer down


def test_yes_and_how_from_the_one_asked_is_the_same_task():
    m = _rules_only("老周：报名还是用小程序，Sunny你来做个报名表？", "Sunny：可以，我周末弄，下周一发群里",
                    "老周：还有会费，王姐你统计一下今年谁还没交", "王姐：好，三天内我把没交的名单发出来", date=dt.date(2024, 11, 28))
    assert [(a.owner, a.due) for a in m.action_items] == [("Sunny", dt.date(2024, 12, 2)), ("王姐", dt.date(2024, 12, 1))]


def test_asking_for_more_time_keeps_the_date_and_a_helper_joins_the_task():
    m = _rules_only("刘芳：何文你一周内把个案分析交到护理部。", "何文：一周有点……我下周要准备进修考试，能不能给两周？",
                    "刘芳：护理部有时限要求的，两周不行。这样，丽娟你帮她一起写，还是一周内交。", "黄丽娟：行，我俩一起弄。",
                    date=dt.date(2025, 2, 26))
    (a,) = m.action_items
    assert (a.owner, a.due, a.collaborators) == ("何文", dt.date(2025, 3, 5), ["黄丽娟"])


def test_a_deadline_corrected_while_speaking():
    m = _rules_only("刘芳：每个组长查别的组的，黄丽娟你牵头，月底前……哦，月底就后天了，那3月7号之前查完，问题清单汇总给我。",
                    date=dt.date(2025, 2, 26))
    assert [(a.owner, a.due) for a in m.action_items] == [("黄丽娟", dt.date(2025, 3, 7))]


def test_done_during_the_meeting_and_a_status_are_no_tasks():
    m = _rules_only("赵一帆：可以啊，你把她联系方式推给我。", "李想：我现在推……推了，你看下飞书。",
                    "马静：何文在病房处理一个输液反应，说马上到。")
    assert m.action_items == []


def test_settled_by_naming_the_date_but_not_an_idea_in_a_brainstorm():
    m = _rules_only("小雨：10号有点早吧，好几个人月初出差", "老周：那就12号，不能再晚了，后面要排赛程",
                    "夏凡：团建的话我们最大那家也就十八间房，大一点的公司装不下。", "谭一鸣：那就做小团队，二三十人的，创业公司那种。")
    (d,) = m.decisions
    assert "12号" in d.text


def test_english_wrapped_subtitle_lines_are_one_sentence_and_same_timeline_takes_the_date():
    vtt = ("WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Rachel Owens>Priya, when could you issue revised drawings?</v>\n\n"
           "2\n00:00:04.000 --> 00:00:06.000\n<v Priya Natarajan>I can get revised drawings out by the end\nof next week.</v>\n\n"
           "3\n00:00:07.000 --> 00:00:09.000\n<v Marcus Bell>I'll do the revised sprinkler layout on the\nsame timeline.</v>\n\n"
           "4\n00:00:10.000 --> 00:00:12.000\n<v Helen Cho>That works for us. I'll book the movers this\nweek, they fill up fast.</v>\n")
    m = extract_text(vtt, ExtractOptions(meeting_date=dt.date(2025, 1, 30), extractors="rules"))
    assert [(a.owner, a.due) for a in m.action_items] == [
        ("Priya Natarajan", dt.date(2025, 2, 7)), ("Marcus Bell", dt.date(2025, 2, 7)), ("Helen Cho", dt.date(2025, 1, 31))]
    assert m.action_items[2].task == "book the movers"


def test_english_dates_put_and_agreed_offers_and_first_steps():
    m = minutes_of("Rachel: Dan, can you get the crane company to move the pick and send me the change order by Friday?",
                   "Dan: Friday's tomorrow, right? Yeah, I can do that. I'll call them this afternoon.",
                   "Jen: I'll get you the cast bios this week. Program draft by October fifteenth?",
                   "Tom: October fifteenth is fine.", meeting_date=dt.date(2025, 1, 30))
    assert [(a.owner, a.due) for a in m.action_items][:1] == [("Dan", dt.date(2025, 1, 31))]
    m = minutes_of("Priya: Sarah, do you want me to run a usability test on the new form?",
                   "Sarah: Yes, please. Five users, end of month if you can.", meeting_date=dt.date(2024, 10, 21))
    assert [(a.owner, a.due) for a in m.action_items] == [("Priya", dt.date(2024, 10, 31))]


def test_english_settling_a_proposal():
    m = minutes_of("Tom: Or we just cancel that Saturday and add a Wednesday.",
                   "Jen: I like that better, honestly. Okay, let's cancel the nineteenth and add Wednesday the twenty-third instead.",
                   "Jen: Okay, senior discount for the Sunday matinee, then.", "Jen: Okay, let's move on to costumes.")
    assert len(m.decisions) == 2


def test_asking_whether_something_can_happen_is_no_task_but_asking_someone_to_do_it_is():
    assert _rules_only("Lily：然后 mass production 的排期，何总今天能上线吗", "何建平：今天上不了，还差一颗 IC").action_items == []
    m = _rules_only("刘芳：丽娟你能把数据发我吗？", "黄丽娟：好的，明天给您。")
    assert [a.owner for a in m.action_items] == ["黄丽娟"]


def test_work_shared_out_part_by_part_and_a_refusal_takes_nothing():
    m = _rules_only("罗斌：那明天的年末盘点，监盘谁去？他们有三个仓，本部、苏州、还有嘉兴", "何静：本部我去，苏州罗斌你去，嘉兴……杨雪你可以吗？",
                    "杨雪：何姐，我明天上午要陪我妈去医院复查，那个号挂了好久了，实在去不了，不好意思", "唐敏：嘉兴我去吧，我本来就住嘉善",
                    date=dt.date(2024, 12, 30))
    assert [(a.owner, a.due) for a in m.action_items] == [("何静", dt.date(2024, 12, 31)), ("罗斌", dt.date(2024, 12, 31)),
                                                          ("唐敏", dt.date(2024, 12, 31))]
    assert [a.task.rsplit("：", 1)[-1] for a in m.action_items] == ["本部", "苏州", "嘉兴"]


def test_a_date_granted_on_request_is_no_decision():
    m = _rules_only("宋志刚：邓佳，你下周三前把加计扣除的复核意见出个初稿给我", "邓佳：下周三有点紧，台账还没给我们，能不能放到1月15号？",
                    "宋志刚：那就15号，但是台账你明天就去催", date=dt.date(2024, 12, 30))
    assert m.decisions == []
    assert m.action_items[0].due == dt.date(2025, 1, 15)


def test_who_volunteers_for_a_task_asked_about_and_the_date_the_asker_wants():
    m = _rules_only("王磊：活动方案谁来写一下？", "高晓峰：我来吧，我们店去年自己做过一次，有点经验", "王磊：好，一个月内给我",
                    date=dt.date(2025, 3, 31))
    assert [(a.owner, a.due) for a in m.action_items] == [("高晓峰", dt.date(2025, 4, 30))]


def test_speech_recognised_pauses_inside_a_task_and_a_start_date_that_is_no_deadline():
    m = extract_text("德鸣 你下礼拜二之前 把三组路边的柴火堆 都挪到屋后去\n行 我明天就开始弄 叫上我们组那几个党员",
                     ExtractOptions(meeting_date=dt.date(2024, 6, 28), attendees=("李建国", "张德明"), extractors="rules"))
    (a,) = m.action_items
    assert "柴火堆" in a.task and a.due == dt.date(2024, 7, 2)


@pytest.mark.parametrize("said,due", [
    ("高岚：客户那边我周四去拜访一下，把误会说清楚。", dt.date(2025, 3, 6)),
    ("高岚：下周一前我跑一趟税务局把发票的事办了。", dt.date(2025, 3, 10)),
    ("高岚：明天我去五金店买三桶油漆。", dt.date(2025, 3, 4)),
    ("高岚：我周五前给家长回个电话。", dt.date(2025, 3, 7)),
    ("高岚：我这周内租两辆中巴。", dt.date(2025, 3, 7)),
])
def test_everyday_errands_one_takes_on_are_tasks(said, due):
    """Visits, trips, purchases, calls: work as real as writing a report, said with a date first or after 我."""
    (a,) = _rules_only(said).action_items
    assert (a.owner, a.due) == ("高岚", due)


def test_work_stated_with_a_date_is_taken_up_with_it():
    m = _rules_only("郑波：仓库那批货架下周三前要加固一遍，别等出事。", "韦东：行，加固这个我来弄。",
                    "郑波：下一个，食堂的事。")
    (a,) = m.action_items
    assert (a.owner, a.due, [e.line for e in a.evidence]) == ("韦东", dt.date(2025, 3, 12), [1, 2])
    # the same statement with nobody taking it up is nobody's task
    assert not _rules_only("郑波：仓库那批货架下周三前要加固一遍。", "韦东：上次也是这么说的。").action_items


def test_who_asks_for_nothing_but_who_gives_no_topic():
    """'那这个谁去呢，…' names no work: the task is what the one who takes it says."""
    m = _rules_only("郑波：嗯，那这个谁去呢，小韦你那边有空吗？", "韦东：我这周排满了。", "郑波：那算了，周五前我自己跑一趟车管所。")
    (a,) = m.action_items
    assert (a.owner, a.due) == ("郑波", dt.date(2025, 3, 7))
    assert a.task.startswith(("我自己跑一趟", "自己跑一趟", "跑一趟")) and "谁" not in a.task


def test_done_for_you_is_not_done_by_you_and_the_closing_sets_no_date():
    m = _rules_only("郑波：那我自己去，月底前我跑一趟银行。", "韦东：好，材料我提前给你备好。",
                    "郑波：行，那今天差不多就这些。")
    owners = {a.owner: a for a in m.action_items}
    assert owners["郑波"].due == dt.date(2025, 3, 31)
    assert "韦东" in owners and owners["韦东"].due is None  # 给你备好: 韦东 prepares it; 今天 closes the meeting


@pytest.mark.parametrize("said", ["韦东：嗯也对，那就每桌加一道素菜，超出的部分从备用金出。",
                                  "韦东：这个好，签到台旁边摆个抽奖箱，跟签到一起做。"])
def test_a_plan_settled_after_the_talk_is_a_decision(said):
    (d,) = _rules_only("郑波：素菜不够的话客人会有意见。", said).decisions
    assert d.evidence[0].line == 2


def test_then_plan_is_not_who_takes_it_or_a_wait():
    for said in ("韦东：那就你来弄吧，周五前给我。", "韦东：那就等厂家回复，再看怎么办。"):
        assert not _rules_only("郑波：素菜不够的话客人会有意见。", said).decisions, said


def test_a_request_with_a_date_asked_is_a_task_and_its_counter_offer_moves_the_date():
    """'…给我吧，这周五前给我行吗' asks for a task by a date; '下周一给你行不行' — '行，下周一就行' moves it."""
    m = _rules_only("韦东：冯老师那你列个采购清单给我吧，这周五前给我行吗", "冯军：这周我在外地，下周一给你行不行",
                    "韦东：行，下周一就行", date=dt.date(2025, 2, 26))
    (a,) = m.action_items
    assert (a.owner, a.due) == ("冯军", dt.date(2025, 3, 3))
    assert a.task.startswith("列个采购清单")  # not "冯老师那你…"


def test_asking_someone_to_help_by_doing_it_is_their_task_and_still_needed_asks_nothing():
    m = _rules_only("冯军：韦老师，承诺书今年还要签吗？", "韦东：要签，上面要求的。冯军你帮忙把承诺书收一下，周五前收齐",
                    "冯军：好。")
    (a,) = m.action_items
    assert (a.owner, a.due, a.collaborators) == ("冯军", dt.date(2025, 3, 7), [])
    assert "承诺书" in a.task


def test_a_date_put_to_someone_else_does_not_move_the_task_before():
    m = _rules_only("韦东：冯军，你们样机什么时候能出？", "冯军：本周五吧，本周五我把样机交给质检。",
                    "韦东：那质检三天，差不多就是12号。蓝天你看12号发货行不行？", "蓝天：可以，12号没问题。")
    (a,) = m.action_items
    assert (a.owner, a.due) == ("冯军", dt.date(2025, 3, 7))


def test_an_idea_put_to_the_meeting_hands_out_no_work():
    """'我的意见是，…你给他报两个价' and '要不咱也搞个视频号，拍拍…' propose; a task needs someone to take it."""
    m = _rules_only("韦东：我的意见是，老客户就按原价。新客户，你给他报两个价，让他自己挑。",
                    "冯军：师傅，要不咱也搞个视频号，拍拍修车的过程。", "蓝天：嗯。")
    assert m.action_items == []


def test_a_question_without_a_subject_asks_the_one_who_raised_it():
    m = _rules_only("冯军：还有个事，仓库的轮胎好久没清点了，账上的数对不上。", "韦东：那这周清点一下？",
                    "冯军：这周不行，我一个人弄不过来。两周内吧，我找个周末加个班。", "韦东：行，两周内。")
    (a,) = m.action_items
    assert (a.owner, a.due) == ("冯军", dt.date(2025, 3, 17))


def test_work_stated_then_this_one_is_mine_and_the_date_reported():
    (a,) = _rules_only("韦东：另外消防那边，开业前要备案，这个我来，他们说月底之前交材料就行。", "冯军：好。").action_items
    assert (a.owner, a.due) == ("韦东", dt.date(2025, 3, 31)) and "备案" in a.task


def test_the_work_someone_raised_is_theirs_when_they_are_told_to_organise_it():
    m = _rules_only("冯军：韦总，我插一句，新员工的安全培训也要搞，我想放在下下周三。", "韦东：可以，你来组织。")
    (a,) = m.action_items
    assert (a.owner, a.due) == ("冯军", dt.date(2025, 3, 19)) and "安全培训" in a.task


def test_a_summary_repeats_the_tasks_it_does_not_add_them():
    m = _rules_only("韦东：冯军，海报你下周五之前做好。", "冯军：好的。", "蓝天：场地我这周三前订好。",
                    "冯军：今年人多不多？", "蓝天：比去年多一点。", "韦东：嗯，挺好。",
                    "韦东：那我总结一下：冯军下周五前把海报做好，蓝天周三前订场地。还有别的吗？", "冯军：没了。")
    assert [(a.owner, a.due) for a in m.action_items] == [("冯军", dt.date(2025, 3, 14)), ("蓝天", dt.date(2025, 3, 5))]


def test_nicknames_by_the_given_name_and_the_one_called_by_name_is_asked():
    """'杰哥' is 王杰; in '杰哥，小峰烫发还不太行，…你带他练熟' 杰哥 is asked, 小峰 is talked about (烫发 sends nothing)."""
    m = minutes_of("周建国：说到小峰，杰哥，小峰烫发还不太行，这礼拜之内你带他把烫发练熟。", "王杰：行，明天开始。",
                   attendees=("周建国", "王杰", "赵小峰"), meeting_date=D(2025, 9, 29))
    assert [(a.owner, a.due) for a in m.action_items] == [("王杰", D(2025, 10, 3))]


def test_the_chair_picking_an_option_and_naming_who_carries_out_the_plan():
    m = _rules_only("韦东：我想了两个方案，一个充三百送五十，一个充五百送一百。", "冯军：五百有点多。", "蓝天：三百的也行。",
                    "韦东：两个都搞太麻烦。就一个，还是充五百送一百，不指着这个赚钱。",
                    "韦东：那就定了，每周六上午去社区义剪，冯军去。第一次放到下周六。")
    assert [d.evidence[0].line for d in m.decisions] == [4, 5]
    assert "第一次放到下周六" in m.decisions[1].text and "义剪" in m.decisions[1].text
    assert [(a.owner, "义剪" in a.task) for a in m.action_items] == [("冯军", True)]


def test_not_my_call_declines_no_task():
    m = _rules_only("韦东：开课通知我明天上午发到群里。", "冯军：课时费能不能按老标准？",
                    "韦东：这个得等街道开会定，我也做不了主，先待定吧。", "韦东：冯老师你列个耗材清单给我，周五前。", "冯军：好。")
    assert [(a.owner, [e.line for e in a.evidence]) for a in m.action_items] == [("韦东", [1]), ("冯军", [4, 5])]


def test_english_yes_then_how_restates_the_task_asked_for():
    """'Can you get it to me by next Tuesday?' — 'Next Tuesday works. I'll confirm with the shop and send you the count'."""
    m = minutes_of("Maya: I need that count before I book the van. Leo, can you get it to me by next Tuesday?",
                   "Leo: Next Tuesday works. I'll confirm with the shop and send you the count.",
                   "Maya: Can you get the heating guy in?", "Leo: Frank, yeah. I'll call him today and get him in by Monday.",
                   attendees=("Maya", "Leo"), meeting_date=D(2025, 10, 30))
    got = [(a.owner, a.due, [e.line for e in a.evidence]) for a in m.action_items]
    assert got == [("Leo", D(2025, 11, 4), [1, 2]), ("Leo", D(2025, 11, 3), [3, 4])]
    assert "confirm with the shop" in m.action_items[0].task


def test_english_do_that_is_the_need_just_stated_and_its_counter_offer():
    m = minutes_of("Maya: Yeah, we need a full deep clean on both fryers. Leo, can you do that this week?",
                   "Leo: This week's tough, I'm off Friday. Could I do it within ten days?",
                   "Maya: Within ten days is fine.", attendees=("Maya", "Leo"), meeting_date=D(2025, 10, 30))
    (a,) = m.action_items
    assert (a.owner, a.due) == ("Leo", D(2025, 11, 9)) and "deep clean" in a.task
    m = minutes_of("Leo: Also, the thank-you cards. I want every volunteer to get a card before the end of the year. I'll do those.",
                   "Maya: Lovely.", attendees=("Maya", "Leo"), meeting_date=D(2025, 12, 15))
    (a,) = m.action_items
    assert (a.owner, a.due) == ("Leo", D(2025, 12, 31)) and "card" in a.task


def test_english_settling_in_so_and_convinced_and_deferring_until_we_hear():
    m = minutes_of("Ann: Alright, I'm convinced. The spring fair moves to the twelfth, with a bake stall.", "Bob: Great.",
                   "Bob: The church hall is free, by the way.", "Ann: Okay, so the first-aid class moves to the church hall.",
                   "Bob: And crews?", "Ann: So we keep the two-person minimum, period.",
                   "Bob: Do we know if the council will cover the match?",
                   "Ann: Not yet. Nobody's given me an answer. We'll have to see.",
                   "Bob: Right. And the insurance?", "Ann: Let's leave the insurance until we hear from the broker, then.",
                   "Ann: That's all.", attendees=("Ann", "Bob"), meeting_date=D(2025, 12, 15))
    assert [d.evidence[-1].line for d in m.decisions] == [1, 4, 6]  # Ann chairs: she speaks most
    assert "spring fair" in m.decisions[0].text
    assert len(m.open_questions) == 2


def test_english_one_task_with_its_date_at_the_end_a_helper_and_last_years_file():
    m = minutes_of("Ann: I'll book the hall and the caterer, and get a date out to everyone by January tenth. "
                   "Bob, would you help with the seating plan?", "Bob: Happy to.",
                   "Cat: Bob, I love you, but I'm closing the books and doing the audit prep. I can't take that on.",
                   "Bob: I'll send you last year's accounts next Monday.",
                   "Cat: I can run it over to the garage tomorrow morning.",
                   attendees=("Ann", "Bob", "Cat"), meeting_date=D(2025, 12, 15))
    got = [(a.owner, a.due, a.collaborators) for a in m.action_items]
    assert got == [("Ann", D(2026, 1, 10), ["Bob"]), ("Bob", D(2025, 12, 22), []), ("Cat", D(2025, 12, 16), [])]


def test_english_taken_over_then_moved_and_the_work_named_by_that():
    """'…asked for uptime checks…. Tom, can you set that up by next Monday?' — Tom: 'next week's rough' —
    Ann (chair): 'Great, Sam then.' — Sam: 'Can we say Tuesday? Monday I'm on site.' — 'Tuesday's fine.'"""
    m = minutes_of("Kim: And the bakery also asked for uptime checks after the outage. Tom, can you set that up by next Monday?",
                   "Tom: Um, honestly next week's rough for me, I've got two migrations.", "Sam: I can take it.",
                   "Kim: Great, Sam then. Next Monday still okay?", "Sam: Can we say Tuesday? Monday I'm on site all day.",
                   "Kim: Tuesday's fine.", attendees=("Kim", "Tom", "Sam"), meeting_date=D(2025, 10, 29))
    (a,) = m.action_items
    assert (a.owner, a.due) == ("Sam", D(2025, 11, 4)) and "uptime checks" in a.task


def test_english_chair_going_forward_and_an_owned_one_is_one_task():
    m = minutes_of("Kim: Right, so, going forward, anything that's a feature request goes to Leo as a change request.",
                   "Leo: Yes please.", "Leo: And the help pages still show the old screens.",
                   "Kim: Yeah, I know. I'll own that one. I'll get the help pages cleaned up in Q4.",
                   "Leo: We need to work out who covers Christmas.",
                   "Kim: Let's pick it up next week when I've got the leave calendar.", "Kim: Thanks, all.",
                   attendees=("Kim", "Leo"), meeting_date=D(2025, 10, 29))
    assert [d.evidence[0].line for d in m.decisions] == [1]
    assert [(a.owner, a.due) for a in m.action_items] == [("Kim", D(2025, 12, 31))]
    assert len(m.open_questions) == 1


def test_english_chat_asks_settles_and_defers_in_few_words():
    m = minutes_of("Fi: Regatta first. Jess how are we doing?", "Jess: Three crews so far.",
                   "Fi: Can you get all our entries in by May 1 then?", "Jess: Yep will do",
                   "Fi: Options are 10 May or 31 May.", "Tom: After.", "Fi: Great, 31 May it is then. Jess can you let the waitlist know?",
                   "Jess: Will do", "Tom: Do we need a second launch?",
                   "Fi: Let's decide that at the next meeting once Jess has the entry numbers",
                   attendees=("Fi", "Jess", "Tom"), meeting_date=D(2025, 4, 24))
    assert [(a.owner, a.due) for a in m.action_items] == [("Jess", D(2025, 5, 1)), ("Jess", None)]
    assert [d.evidence[0].line for d in m.decisions] == [7] and len(m.open_questions) == 1


def test_the_one_asked_says_when_and_how_a_plan_is_done():
    m = _rules_only("韦东：对了，冰柜老是不制冷，冯军你找厂家来看一下", "冯军：今天下午我就打电话约",
                    "冯军：收到。那值班我按1号到3号排，排班表明天发群里", "韦东：菜单我来调，后天之前弄好给你们",
                    "蓝天：这两天好几个老人来问补贴的事", "韦东：这个我也说不准。我明天去街道开会当面问一下，现在先别给老人准话",
                    date=dt.date(2025, 4, 28))
    got = [(a.owner, a.due) for a in m.action_items]
    assert got == [("冯军", dt.date(2025, 4, 28)), ("冯军", dt.date(2025, 4, 29)), ("韦东", dt.date(2025, 4, 30)),
                   ("韦东", dt.date(2025, 4, 29))]


def test_a_date_granted_a_line_after_it_was_asked_is_no_decision():
    m = _rules_only("韦东：下个月做一次满意度问卷，蓝天你下周弄一下？", "蓝天：下周估计够呛……下下周一前收上来行吗？",
                    "冯军：可以，我跟志愿者说一声", "韦东：行，那就下下周一", date=dt.date(2025, 4, 28))
    assert m.decisions == []


def test_english_slack_proposal_plus_ones_and_what_is_due_is_written_up():
    m = minutes_of("Maria: Proposal: anyone whose plot hasn't been worked by April 1st loses it to the waitlist.",
                   "Tom: ok with me", "Ruth: +1, feels fair", "Maria: Seed swap! 22nd or 29th?", "Dan: 29th then",
                   "Maria: 29th it is!", "Dan: I can pick them up from the hardware store by Saturday, I've got the truck",
                   "Tom: keep the receipts pls! which reminds me, the grant report for the city is due end of month. I'll write it up",
                   "Tom: plot fees. I'd like to go to $30",
                   "Maria: Yeah I don't want to decide fees in Slack. Let's take it to the spring general meeting",
                   attendees=("Maria", "Tom", "Ruth", "Dan"), meeting_date=D(2025, 3, 4))
    assert [d.evidence[0].line for d in m.decisions] == [1, 6]
    assert [(a.owner, a.due) for a in m.action_items] == [("Dan", D(2025, 3, 8)), ("Tom", D(2025, 3, 31))]
    assert "grant report" in m.action_items[1].task and len(m.open_questions) == 1


def test_a_volunteer_takes_it_over_and_the_chair_fixes_the_day():
    m = _rules_only("韦东：那就定了，先补漏。冯军你找两家公司报个价，这周五给我。", "冯军：行，我下午就打电话问。",
                    "韦东：那就26号上午，停电两个小时，八点到十点。", "韦东：蓝天，上半年的台账你整理一下。",
                    "蓝天：那个……我没有导出的权限……", "冯军：我有权限，我来弄吧。", "韦东：那行，冯军你弄，下周三给我。",
                    "韦东：蓝天，你那个电工证报名了没有？", "蓝天：还没。", "韦东：抓紧，这个月底前把名报上。")
    assert [(a.owner, a.due) for a in m.action_items] == [("冯军", dt.date(2025, 3, 7)), ("冯军", dt.date(2025, 3, 12)),
                                                         ("蓝天", dt.date(2025, 3, 31))]
    assert [d.evidence[-1].line for d in m.decisions] == [1, 3]
