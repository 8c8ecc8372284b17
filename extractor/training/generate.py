"""Meeting sentences composed from templates, their labels and spans known by construction.

A template is a list of parts: literal text, or a slot (`{owner}`, `{deadline}`, …) filled from a
vocabulary; a slot whose name is a span label becomes that span. `generated(lang, n, seed)` is
deterministic: the same seed gives the same sentences.
"""
from __future__ import annotations

import random
import re

from .data import Example

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈任姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武洪"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞辉宇浩凯健俊帆帅旭宁瑞琳晨欣怡婷雪颖倩佳悦思梦雨露航斌峰波毅龙翔博文"
_DEPTS = ["财务部", "法务", "运营组", "市场部", "技术部", "人事", "采购部", "客服组", "设计组", "行政", "质量部", "产品组",
          "销售部", "研发中心", "仓储那边", "财务那边", "IT部"]

_ZH = {
    "deadline": ["周五前", "下周三之前", "明天下班前", "3月20号前", "月底前", "两周内", "本周内", "下周一", "今天之内",
                 "后天", "4月15日之前", "这周四前", "下个月10号前", "三个工作日内", "国庆前", "年底前", "明早", "周末前",
                 "下周", "下周二上午", "15号之前", "一周内", "月中", "明天中午前", "下班前"],
    "deliverable": ["排期表", "测试报告", "设计稿", "预算方案", "采购清单", "合同初稿", "周报", "复盘文档", "需求文档V2",
                    "培训材料", "宣传海报", "会议纪要", "报价单", "接口文档", "验收报告", "用户调研报告", "招聘JD",
                    "库存盘点表", "应急预案", "活动方案", "评审意见", "数据看板", "上线checklist", "竞品分析",
                    "客户名单", "部署脚本", "课件", "年度总结PPT", "发票", "投标文件"],
    "topic": ["渠道费用要不要算进预算", "新版本上线时间", "供应商选哪家", "春节值班怎么排", "外包的合同", "这个需求做不做",
              "价格要不要再降", "服务器扩容的事", "年会场地", "考核标准", "退货政策", "要不要招实习生", "新仓库的选址",
              "二期的范围", "海外版本的定价"],
    "decided": ["4月1日上线V1.0", "预算控制在五万以内", "采用供应商A", "活动延期到下个月", "先做安卓版", "走方案B",
                "周会改到周二下午", "价格维持不变", "外包给第三方做", "这次先不招人", "首页用蓝色那版", "下周一开始试运行",
                "退款统一走线上", "新员工培训改成两天", "二期砍掉积分功能"],
}
_ZH_TEMPLATES: list[tuple[list[str], set[str]]] = [
    (["{owner_name}", "你", "{DEADLINE}", "把", "{DELIVERABLE}", "发给我"], {"ACTION_ITEM"}),
    (["{owner_name}", "，", "{DEADLINE}", "你给我一版", "{DELIVERABLE}"], {"ACTION_ITEM"}),
    (["@", "{owner_name}", " ", "{DEADLINE}", "把", "{DELIVERABLE}", "整理出来"], {"ACTION_ITEM"}),
    (["{OWNER:self}", "{DEADLINE}", "把", "{DELIVERABLE}", "弄好"], {"ACTION_ITEM"}),
    (["{OWNER:self}", "来跟进", "{DELIVERABLE}", "，", "{DEADLINE}", "给大家"], {"ACTION_ITEM"}),
    (["那", "{owner_name}", "负责", "{DELIVERABLE}", "，", "{COLLABORATOR}", "配合一下，", "{DEADLINE}", "交"],
     {"ACTION_ITEM"}),
    (["{owner_dept}", "{DEADLINE}", "出一版", "{DELIVERABLE}"], {"ACTION_ITEM"}),
    (["行，", "{OWNER:self}", "{DEADLINE}", "跟", "{COLLABORATOR}", "一起把", "{DELIVERABLE}", "过一遍"], {"ACTION_ITEM"}),
    (["由", "{owner_name}", "牵头，", "{DEADLINE}", "完成", "{DELIVERABLE}"], {"ACTION_ITEM"}),
    (["{owner_name}", "{DEADLINE}", "提交", "{DELIVERABLE}", "，有问题找", "{COLLABORATOR}"], {"ACTION_ITEM"}),
    (["好的，", "{OWNER:self}", "{DEADLINE}", "把", "{DELIVERABLE}", "更新一下"], {"ACTION_ITEM"}),
    (["那就定了，", "{decided}"], {"DECISION"}),
    (["最后决定", "{decided}"], {"DECISION"}),
    (["大家没意见的话就", "{decided}"], {"DECISION"}),
    (["经过讨论，同意", "{decided}"], {"DECISION"}),
    (["就这么定吧，", "{decided}"], {"DECISION"}),
    (["{decided}", "，就这么办"], {"DECISION"}),
    (["那就定了，", "{decided}", "，", "{owner_name}", "你", "{DEADLINE}", "把", "{DELIVERABLE}", "发出来"],
     {"DECISION", "ACTION_ITEM"}),
    (["{topic}", "还没定，下次再议"], {"OPEN_QUESTION"}),
    (["{topic}", "待确认"], {"OPEN_QUESTION"}),
    (["{topic}", "等老板回来再说吧"], {"OPEN_QUESTION"}),
    (["{topic}", "这个先放一放，会后再评估"], {"OPEN_QUESTION"}),
    (["关于", "{topic}", "，目前还没有结论"], {"OPEN_QUESTION"}),
    (["{deliverable}", "我昨天已经发群里了"], set()),
    (["{deliverable}", "什么时候能好？"], set()),
    (["我觉得", "{deliverable}", "还可以再改改"], set()),
    (["如果", "{deliverable}", "来不及的话，我们可以往后推"], set()),
    (["{owner_name}", "上周把", "{deliverable}", "做完了"], set()),
    (["谁能帮忙看一下", "{deliverable}", "？"], set()),
    (["好的"], set()), (["收到"], set()), (["嗯嗯，没问题"], set()), (["我这边先共享一下屏幕"], set()),
    (["{deliverable}", "目前进度大概百分之六十"], set()),
    (["要不", "{decided}", "？大家看看"], set()),
    (["我提议", "{decided}", "，大家觉得呢"], set()),
    (["{owner_name}", "{deadline}", "请假，", "{deliverable}", "可能要晚一点"], set()),
    (["{deadline}", "我排不开，", "{deliverable}", "可能做不了"], set()),
    (["上次说的", "{deliverable}", "已经交给客户了"], set()),
    # dates and numbers that decide nothing: estimates, guesses, reports, conditions, questions
    (["{deliverable}", "最早", "{deadline}", "能好吧"], set()), (["差不多就是", "{deadline}", "吧"], set()),
    (["我估计", "{deadline}", "左右"], set()), (["如果", "{deadline}", "开始的话，时间有点紧"], set()),
    (["上次是", "{deadline}", "交的", "{deliverable}"], set()), (["{deliverable}", "大概要两周"], set()),
    (["成本大概十五万左右，一个月"], set()), (["去年同期是三百二十万"], set()), (["{deadline}", "可以吗？"], set()),
    (["{owner_name}", "说", "{deadline}", "能出来，不一定"], set()), (["那个", "{deadline}", "的会你去吗"], set()),
    (["按现在的进度看，", "{deadline}", "有点悬"], set()), (["{deliverable}", "要是", "{deadline}", "出不来怎么办"], set()),
    (["我看了下日历，", "{deadline}", "是周末"], set()), (["大概百分之二十的量", "{deadline}", "之前能到"], set()),
    (["前年也是", "{deadline}", "左右上的"], set()), (["嗯", "{deadline}", "的话我们这边也行吧，看大家"], set()),
    # the talk around the work: openings, closings, turn-taking, reports, opinions, questions
    (["好，今天就到这里，辛苦大家"], set()), (["人到齐了，我们开始吧"], set()), (["那我们今天先这样"], set()),
    (["散会"], set()), (["大家还有别的问题吗？"], set()), (["下一个议题"], set()), (["接下来说一下", "{topic}"], set()),
    (["{owner_name}", "你先说一下", "{deliverable}", "的情况"], set()), (["我这边没什么补充的"], set()),
    (["声音有点卡，能听到吗？"], set()), (["我刚才掉线了，说到哪了"], set()), (["这个我同意", "{owner_name}", "的看法"], set()),
    (["{deliverable}", "上周已经定稿了"], set()), (["{deliverable}", "这周在走审批"], set()),
    (["关于", "{topic}", "，我说一下我的想法"], set()), (["{topic}", "，大家怎么看？"], set()),
    (["我觉得", "{decided}", "也不是不行，但成本会高一些"], set()), (["客户那边反馈", "{deliverable}", "还不错"], set()),
    (["就这个", "{deliverable}", "啊，问题主要是时间太紧"], set()), (["这事儿就是这么个情况"], set()),
    (["行，这块就先这样，我们看下一个"], set()), (["{owner_name}", "今天请假了，没来"], set()),
    (["数据我这边看了一下，环比涨了百分之五"], set()), (["对，就是这个意思"], set()), (["谢谢", "{owner_name}"], set()),
    (["{deadline}", "的时候", "{owner_name}", "提过这个"], set()), (["去年", "{deliverable}", "也是这么做的"], set()),
]

_EN = {
    "name": ["Tom", "Priya", "Marcus", "Dana", "Sofia", "Ken", "Aisha", "Lena", "Omar", "Grace", "Raj", "Emma", "Luis",
             "Mei", "Jonas", "Olivia", "Sam", "Nina", "Victor", "Hannah"],
    "dept": ["the finance team", "legal", "marketing", "the design team", "ops", "QA", "the sales team", "IT support"],
    "deadline": ["by Friday", "by next Wednesday", "tomorrow", "by end of day", "by the 20th", "next week",
                 "by end of month", "within two weeks", "before Monday", "by Thursday morning", "this week",
                 "by March 3", "before the next meeting", "by EOD Friday", "in the next two days"],
    "deliverable": ["the release notes", "the test report", "the design mockups", "the budget draft", "the vendor list",
                    "the contract draft", "the weekly report", "the postmortem", "the API spec", "the training deck",
                    "the launch checklist", "the pricing sheet", "the survey results", "the slide deck",
                    "the migration plan", "the onboarding guide", "the cost estimate", "the demo video"],
    "topic": ["whether the cache issue blocks the release", "the pricing for Europe", "which vendor to use",
              "the hiring plan", "the on-call rota", "whether we need a second data center", "the launch date",
              "the scope of phase two"],
    "decided": ["we ship on the 18th", "we go with vendor B", "the price stays at 25 euros", "we drop the dark mode",
                "we keep the current design", "we launch in Germany first", "we move standups to 9:30",
                "we use rubber buttons", "the remote has a single battery", "we skip the beta"],
}
_EN_TEMPLATES: list[tuple[list[str], set[str]]] = [
    (["{owner_name}", ", can you send ", "{DELIVERABLE}", " ", "{DEADLINE}", "?"], {"ACTION_ITEM"}),
    (["{OWNER:I}", "'ll ", "{TASK:finish}", " ", "{DEADLINE}", "."], {"ACTION_ITEM"}),
    (["{owner_name}", " to draft ", "{DELIVERABLE}", " ", "{DEADLINE}", "."], {"ACTION_ITEM"}),
    (["Action item: ", "{owner_name}", " updates ", "{DELIVERABLE}", " ", "{DEADLINE}", "."], {"ACTION_ITEM"}),
    (["{owner_name}", " will prepare ", "{DELIVERABLE}", " with ", "{COLLABORATOR}", " ", "{DEADLINE}", "."],
     {"ACTION_ITEM"}),
    (["{owner_dept}", " will review ", "{DELIVERABLE}", " ", "{DEADLINE}", "."], {"ACTION_ITEM"}),
    (["OK, ", "{OWNER:I}", " will take ", "{DELIVERABLE}", " and get it back to you ", "{DEADLINE}", "."],
     {"ACTION_ITEM"}),
    (["So we're agreed: ", "{decided}", "."], {"DECISION"}),
    (["Let's go with it then, ", "{decided}", "."], {"DECISION"}),
    (["We've decided that ", "{decided}", "."], {"DECISION"}),
    (["Final answer: ", "{decided}", "."], {"DECISION"}),
    (["We still don't know ", "{topic}", "; let's park it."], {"OPEN_QUESTION"}),
    (["Let's revisit ", "{topic}", " next week."], {"OPEN_QUESTION"}),
    (["{topic}", " is still open, TBD."], {"OPEN_QUESTION"}),
    (["I already sent ", "{deliverable}", " yesterday."], set()),
    (["When will ", "{deliverable}", " be ready?"], set()),
    (["I think ", "{deliverable}", " looks good."], set()),
    (["If ", "{deliverable}", " slips, we could push the launch."], set()),
    (["Maybe ", "{decided}", "? What do you think?"], set()),
    (["Okay."], set()), (["Sounds good."], set()), (["Let me share my screen."], set()), (["Yeah, right."], set()),
    (["{owner_name}", " finished ", "{deliverable}", " last week."], set()),
    (["Who can look at ", "{deliverable}", "?"], set()),
    (["Okay, that's it for today, thanks everyone."], set()), (["Let's get started."], set()),
    (["Can everyone hear me?"], set()), (["Next item on the agenda."], set()), (["Any other business?"], set()),
    (["Moving on to ", "{topic}", "."], set()), (["{owner_name}", ", do you want to walk us through ", "{deliverable}", "?"], set()),
    (["Nothing to add from my side."], set()), (["I agree with ", "{owner_name}", " on that."], set()),
    (["{deliverable}", " was signed off last week."], set()), (["So that's where we are with ", "{deliverable}", "."], set()),
    (["What do people think about ", "{topic}", "?"], set()), (["The customer liked ", "{deliverable}", "."], set()),
    (["We did the same for ", "{deliverable}", " last year."], set()), (["Right, exactly."], set()),
    (["Thanks, ", "{owner_name}", "."], set()), (["Sorry, I dropped off for a second."], set()),
    (["The numbers are up five percent on last month."], set()), (["That makes sense."], set()),
    (["I'm out ", "{deadline}", ", so I can't do ", "{deliverable}", "."], set()),
]
_SLOT = re.compile(r"^\{(?P<name>[A-Za-z_]+)(?::(?P<arg>[^}]+))?\}$")


def _zh_name(rng: random.Random) -> str:
    r = rng.random()
    surname = rng.choice(_SURNAMES)
    if r < 0.15:
        return "小" + surname
    if r < 0.25:
        return surname + rng.choice(["总", "经理", "老师", "工"])
    return surname + rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.5 else "")


def _fill(parts: list[str], lang: str, rng: random.Random) -> tuple[str, list[tuple[int, int, str]]]:
    vocab = _ZH if lang == "zh" else _EN
    text, spans = "", []
    for part in parts:
        m = _SLOT.match(part)
        if not m:
            text += part
            continue
        name, arg = m.group("name"), m.group("arg")
        label = None
        if name == "owner_name":
            value, label = (_zh_name(rng) if lang == "zh" else rng.choice(_EN["name"])), "OWNER"
        elif name == "owner_dept":
            value, label = rng.choice(_DEPTS if lang == "zh" else _EN["dept"]), "OWNER"
        elif name == "OWNER":
            value, label = (rng.choice(["我", "我来", "我这边"]) if arg == "self" else arg), "OWNER"
        elif name == "COLLABORATOR":
            value, label = (_zh_name(rng) if lang == "zh" and rng.random() < 0.6 else
                            rng.choice(_DEPTS) if lang == "zh" else rng.choice(_EN["name"] + _EN["dept"])), "COLLABORATOR"
        elif name == "TASK":
            value, label = f"{arg} {rng.choice(_EN['deliverable'])}", "TASK"
        else:
            value = rng.choice(vocab[name.lower()])
            label = name if name.isupper() else None
        if label:
            spans.append((len(text), len(text) + len(value), label))
        text += value
    return text, spans


def _task_span(text: str, spans: list[tuple[int, int, str]], lang: str) -> list[tuple[int, int, str]]:
    """The TASK span of a composed action sentence: from its first deliverable-bearing verb phrase to the
    end, without owner and deadline (FORMAT.md: the verb phrase without owner and date)."""
    if any(s[2] == "TASK" for s in spans):
        return spans
    deliverables = [s for s in spans if s[2] == "DELIVERABLE"]
    if not deliverables:
        return spans
    start = deliverables[0][0]
    blockers = [s for s in spans if s[2] in ("OWNER", "DEADLINE") and s[1] <= start]
    left = max((s[1] for s in blockers), default=0)
    verb_start = left
    while verb_start < start and text[verb_start] in " ，,、你来":
        verb_start += 1
    end = deliverables[0][1]
    after = text[end:]
    m = re.match(r"[^，,。.?？!！]*", after)
    tail = m.group(0) if m else ""
    for s in spans:  # a deadline after the deliverable ends the task
        if s[0] >= end and s[2] == "DEADLINE":
            tail = tail[: s[0] - end]
            break
    end += len(tail.rstrip(" ，,"))
    return spans + [(verb_start, end, "TASK")]


def generated(lang: str, n: int, seed: int = 0) -> list[Example]:
    """`n` composed sentences of one language, deterministic for a seed."""
    rng = random.Random(f"{lang}-{seed}")
    templates = _ZH_TEMPLATES if lang == "zh" else _EN_TEMPLATES
    out = []
    for k in range(n):
        parts, cats = templates[k % len(templates)] if k < len(templates) else rng.choice(templates)
        text, spans = _fill(parts, lang, rng)
        if "ACTION_ITEM" in cats:
            spans = _task_span(text, spans, lang)
        else:
            spans = []
        out.append(Example(text=text, cats=set(cats), spans=spans, source="generated", group=f"gen{k // 50}"))
    return out
