"""Input formats: detection, speakers, lines, times, meeting info, encodings, golden transcripts."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import FIXTURES, SHARED_EVAL, check_golden
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.errors import BinaryInputError, EmptyInputError, UnknownFormatError
from extractor.ingest import FORMATS, parse_text, read_input
from extractor.ingest.decode import decode_bytes

FORMAT_DIR = FIXTURES / "formats"
GOLDEN_DIR = FIXTURES / "expected" / "formats"
CASES = {
    "transcript.txt": "transcript", "wechat.txt": "wechat", "dingtalk.txt": "dingtalk", "colon.txt": "colon",
    "srt.srt": "srt", "vtt.vtt": "vtt", "slack.json": "slack", "slack_copy.txt": "slack", "zoom.txt": "zoom",
    "plain.txt": "plain", "gbk_colon.txt": "colon", "utf16_wechat.txt": "wechat",
    "bom_transcript.txt": "transcript", "traditional_colon.txt": "colon", "teams.txt": "zoom",
    "broken_wechat.txt": "wechat", "namelines.txt": "namelines", "whatsapp.txt": "whatsapp",
}


def speakers_lines(t):
    return [(u.speaker, u.line) for u in t.utterances]


@pytest.mark.parametrize("name,fmt", CASES.items())
def test_detects_the_format(name, fmt):
    assert read_input(FORMAT_DIR / name).format == fmt


@pytest.mark.parametrize("name", CASES)
def test_golden_transcript(name, update_golden):
    got = read_input(FORMAT_DIR / name).model_dump(mode="json")
    golden = GOLDEN_DIR / f"{name}.json"
    check_golden(golden, got, update_golden)


def test_transcript_export_header_and_departments():
    t = read_input(FORMAT_DIR / "transcript.txt")
    assert t.meeting.title == "新品发布会筹备会"
    assert (t.meeting.date, t.meeting.start_time) == (dt.date(2024, 6, 3), "15:30")
    assert speakers_lines(t) == [("刘备", 6), ("关羽", 9), ("刘备", 13), ("关羽", 16)]
    assert t.utterances[1].text == "主视觉我们已经出了两版，\nB版大家反馈更好。"
    assert t.utterances[1].end_line == 10
    assert t.utterances[1].speaker_org == "设计部"
    assert (t.utterances[0].start, t.utterances[0].end) == (5.0, 14.0)
    assert t.meeting.departments["关羽"] == "设计部"


def test_wechat_timestamps_give_the_meeting_date():
    t = read_input(FORMAT_DIR / "wechat.txt")
    assert speakers_lines(t) == [("张三", 2), ("李四", 5), ("张三", 8)]
    assert t.meeting.date == dt.date(2024, 6, 3)
    assert t.utterances[2].timestamp == dt.datetime(2024, 6, 3, 10, 3, 5)


def test_dingtalk_with_and_without_dates():
    t = read_input(FORMAT_DIR / "dingtalk.txt")
    assert speakers_lines(t) == [("赵云", 2), ("黄忠", 5), ("赵云", 8), ("马超", 11)]
    assert t.meeting.date == dt.date(2024, 6, 4)


def test_dingtalk_minutes_copy_with_a_header_and_speaker_labels():
    """DingTalk's 闪记 copy: a title, '会议时间：…' and app labels above '发言人 姓名 HH:MM' turns. The label is
    not part of the name, and the header gives the meeting date."""
    t = parse_text("社区食堂筹备会\n会议时间：2025-03-04 09:30\n会议时长：18分钟\n智能纪要 · 钉钉闪记\n\n"
                   "发言人 何秀芬 09:30\n人到齐了，开始吧。\n\n发言人 老周 09:31\n好，我先说场地。\n\n"
                   "发言人 何秀芬 09:32\n行。", "auto")
    assert t.format == "dingtalk"
    assert speakers_lines(t) == [("何秀芬", 7), ("老周", 10), ("何秀芬", 13)]
    assert (t.meeting.title, t.meeting.date, t.meeting.start_time) == ("社区食堂筹备会", dt.date(2025, 3, 4), "09:30")


def test_rev_style_transcript_with_the_time_in_parentheses():
    """Rev and Descript write 'Speaker Name (00:01:02):' above each turn; the title line carries the date."""
    t = parse_text("City of Brookhaven - Transportation & Public Works Committee - Regular Meeting - December 16, 2025\n\n"
                   "Linda Okafor (00:00:04):\nOkay, let's get started. Harriet, can you call the roll?\n\n"
                   "Harriet Simms (00:00:20):\nCouncilmember Okafor. Present.\n\n"
                   "Linda Okafor (01:02:09):\nMotion carries: three-zero.", "auto")
    assert t.format == "transcript"
    assert speakers_lines(t) == [("Linda Okafor", 4), ("Harriet Simms", 7), ("Linda Okafor", 10)]
    assert t.utterances[2].start == 3729 and t.utterances[2].text == "Motion carries: three-zero."
    assert t.meeting.date == dt.date(2025, 12, 16)


def test_whatsapp_export_messages_dates_and_placeholders():
    t = read_input(FORMAT_DIR / "whatsapp.txt")
    # the encryption notice names Priya but says nothing; the image and the deleted message are no text
    assert speakers_lines(t) == [("Priya Shah", 2), ("Tom Becker", 3), ("Priya Shah", 5), ("Lena Fox", 8),
                                 ("Tom Becker", 10)]
    assert t.utterances[2].text == "Great. Also we agreed:\n- doors open at 10\n- no parking on the lawn"
    assert t.meeting.date == dt.date(2025, 3, 2)  # month first: nothing says otherwise
    android = parse_text("18/11/2025, 7:02 pm - Helen Price: Evening all!\n18/11/2025, 7:03 pm - Dave Morris: Hi\n"
                         "18/11/2025, 7:04 pm - Dave Morris added Ruth Adeyemi\n18/11/2025, 7:05 pm - Ruth Adeyemi: <Media omitted>\n",
                         "auto")
    assert android.format == "whatsapp" and speakers_lines(android) == [("Helen Price", 1), ("Dave Morris", 2)]
    assert android.utterances[0].timestamp == dt.datetime(2025, 11, 18, 19, 2)  # day first: 18 is no month


def test_google_meet_copied_without_blank_lines_between_turns():
    t = parse_text("Riverside Makerspace board meeting (2024-10-15 19:04 GMT-4) - Transcript\nAttendees\n"
                   "Aisha Rahman, Dana Whitfield, Luis Ortega\nTranscript\n00:00:00\nDana Whitfield\n"
                   "Okay, I think we have quorum.\nLuis Ortega\nSounds good. Should I do the money stuff first?\n"
                   "Dana Whitfield\nYeah, go ahead.\nAisha Rahman\nI'll do the flyers again by Friday.\n", "auto")
    assert t.format == "namelines"
    assert speakers_lines(t) == [("Dana Whitfield", 7), ("Luis Ortega", 9), ("Dana Whitfield", 11), ("Aisha Rahman", 13)]
    assert t.meeting.date == dt.date(2024, 10, 15)


def test_colon_header_block_fills_meeting_info():
    t = read_input(FORMAT_DIR / "colon.txt")
    m = t.meeting
    assert (m.title, m.date, m.start_time, m.place) == ("季度复盘会", dt.date(2024, 6, 28), "14:00", "线上（腾讯会议）")
    assert (m.host, m.recorder, m.attendees, m.absentees) == ("孙权", "周瑜", ["孙权", "周瑜", "鲁肃"], ["吕蒙"])
    assert m.departments["鲁肃"] == "销售部"
    assert speakers_lines(t) == [("孙权", 9), ("鲁肃", 10), ("周瑜", 12)]
    assert t.utterances[1].text.endswith("\n差一点。")  # a wrapped line stays with its utterance


def test_colon_lines_with_the_time_after_the_name():
    """Meeting apps copy a line as '姓名(00:01:25)：内容'; the time is not part of the name."""
    t = parse_text("方晴(00:00:04)：好，那我们开始吧。\n老贺（00:02:21）：我读了两遍。\n纪老师 (1:04:20): 我先说吧。", "auto")
    assert speakers_lines(t) == [("方晴", 1), ("老贺", 2), ("纪老师", 3)]
    assert [u.text for u in t.utterances] == ["好，那我们开始吧。", "我读了两遍。", "我先说吧。"]


def test_discord_copy_and_messages_under_one_header():
    t = parse_text("Mira Sato — Today at 10:02 AM\nok sync time\nmain thing: do we push the demo?\n"
                   "Jonas Hale — Yesterday at 9:05 PM\nsave system is merged", "auto")
    assert t.format == "slack"
    assert speakers_lines(t) == [("Mira Sato", 2), ("Mira Sato", 3), ("Jonas Hale", 5)]


def test_namelines_google_meet_header_and_turns():
    """Google Meet writes each speaker's name on a line of its own, the words below; the header holds the
    title with the date and the attendee list."""
    t = read_input(FORMAT_DIR / "namelines.txt")
    m = t.meeting
    assert (m.title, m.date, m.start_time) == ("Vendor review", dt.date(2024, 5, 7), "14:30")
    assert m.attendees == ["Nora Feld", "Ahmed Saleh", "Ines Costa"]
    assert speakers_lines(t) == [("Nora Feld", 13), ("Ahmed Saleh", 16), ("Nora Feld", 20), ("Ines Costa", 25),
                                 ("Ahmed Saleh", 28)]
    assert t.utterances[1].text == "Right. The Lisbon one came in cheaper,\nabout twelve percent under the other quote."
    assert t.utterances[3].start == 180.0  # the time line above the turn


def test_namelines_in_chinese_and_what_is_not_them():
    t = parse_text("张伟\n好，我们开始吧。\n\n李娜\n我先说下进度。\n\n张伟\n那你周五前发我。\n\n李娜\n好的。", "auto")
    assert t.format == "namelines"
    assert speakers_lines(t) == [("张伟", 2), ("李娜", 5), ("张伟", 8), ("李娜", 11)]
    # paragraphs that happen to start with a short line are no turns
    t = parse_text("好的\n我们开始吧。\n\n好的\n那就这么定。\n\n嗯\n下周再说。", "auto")
    assert t.format != "namelines"


def test_colon_names_in_lenticular_brackets():
    t = parse_text("【林子涵】人到得差不多了吧，我们开个短会\n【高远】在，刚下实验课\n【苏晴】+1\n", "auto")
    assert t.format == "colon"
    assert speakers_lines(t) == [("林子涵", 1), ("高远", 2), ("苏晴", 3)]
    assert t.utterances[1].text == "在，刚下实验课"


def test_colon_notes_with_a_date_line_and_a_note_taker():
    t = parse_text("Library board, monthly call\nThursday, December 19, 2024, 7:00 pm (Zoom)\n"
                   "Present: Helen Park (chair), Linda Moreau (secretary)\nNotes: Linda (rough notes, lightly cleaned up)\n\n"
                   "Helen: Okay, we have a quorum.\nLinda: Minutes are in the packet.", "auto")
    m = t.meeting
    assert (m.title, m.date, m.start_time, m.recorder) == ("Library board, monthly call", dt.date(2024, 12, 19),
                                                          "19:00", "Linda")
    assert m.departments == {"Helen Park": "chair", "Linda Moreau": "secretary"}
    assert speakers_lines(t) == [("Helen", 6), ("Linda", 7)]


def test_srt_speakers_and_times():
    t = read_input(FORMAT_DIR / "srt.srt")
    assert speakers_lines(t) == [("诸葛亮", 3), ("姜维", 7), ("诸葛亮", 12)]
    assert (t.utterances[1].start, t.utterances[1].end) == (4.8, 9.5)
    assert t.utterances[1].text == "技术岗缺两个人，\n最好月底前到岗。"


def test_vtt_voice_tags_and_colon_cues():
    t = read_input(FORMAT_DIR / "vtt.vtt")
    assert speakers_lines(t) == [("曹操", 7), ("许褚", 11), ("荀彧", 14)]
    assert t.utterances[1].text == "供应商那边报价涨了百分之五。"
    assert t.utterances[2].start == 9.5


def test_slack_json_points_at_the_text_line():
    t = read_input(FORMAT_DIR / "slack.json")
    assert speakers_lines(t) == [("Alice Chen", 6), ("Bob Li", 13)]  # the channel_join is dropped
    assert t.language == "en"
    assert t.meeting.date == dt.date(2024, 6, 3)


def test_slack_folder(tmp_path):
    (tmp_path / "users.json").write_text(json.dumps([{"id": "U1", "real_name": "Alice"}]), encoding="utf-8")
    day = tmp_path / "general" / "2024-06-03.json"
    day.parent.mkdir()
    day.write_text(json.dumps([{"user": "U1", "text": "I'll send the notes by Friday", "ts": "1717408800.1"}],
                              indent=2), encoding="utf-8")
    t = read_input(tmp_path)
    assert [(u.speaker, u.text) for u in t.utterances] == [("Alice", "I'll send the notes by Friday")]


def test_slack_copy_and_zoom():
    t = read_input(FORMAT_DIR / "slack_copy.txt")
    assert speakers_lines(t) == [("alice", 1), ("bob", 2), ("alice", 3)]
    z = read_input(FORMAT_DIR / "zoom.txt")
    assert speakers_lines(z) == [("Priya Shah", 2), ("Tom Baker", 5), ("Priya Shah", 8)]
    assert z.utterances[1].start == 10.0


def test_teams_transcript_with_title_and_date_lines():
    t = read_input(FORMAT_DIR / "teams.txt")
    assert (t.meeting.date, t.meeting.start_time) == (dt.date(2024, 6, 11), "15:02")
    assert speakers_lines(t) == [("Dana Whitfield", 6), ("Marcus Lee", 9), ("Dana Whitfield", 12),
                                 ("Sofia Ramos", 15), ("Dana Whitfield", 21)]
    assert [u.start for u in t.utterances] == [4.0, 19.0, 62.0, 70.0, 3735.0]
    assert t.utterances[3].end_line == 18  # a blank line inside a message does not end it


def test_damaged_chat_headers_keep_their_messages_with_warnings():
    t = read_input(FORMAT_DIR / "broken_wechat.txt")
    assert [u.text for u in t.utterances] == ["供应商报价还没回，\n我下午再催一下。", "我这边没问题", "那周五前定下来", "好的"]
    assert t.utterances[1].speaker == "王五" and t.utterances[1].timestamp is None  # 2024-06-31 is no date
    assert sorted(w.line for w in t.warnings) == [1, 8, 11]


def test_plain_lines_are_unlabelled():
    t = read_input(FORMAT_DIR / "plain.txt")
    assert speakers_lines(t) == [(None, 1), (None, 2), (None, 3), (None, 4)]


def test_plain_lines_with_a_bracketed_time_keep_it_as_the_start():
    """'[00:01:23] …' (speech-recognition output, and what `minutes transcribe` writes) is timed speech."""
    t = parse_text("[00:00:03] 喂喂能听到吗 那我们开始吧\n[01:09] 韩露你那边招聘怎么样了\n[3:05]\n（1:02:03）好的", "plain")
    assert [(u.line, u.start, u.text) for u in t.utterances] == [
        (1, 3.0, "喂喂能听到吗 那我们开始吧"), (2, 69.0, "韩露你那边招聘怎么样了"), (3, None, "[3:05]"), (4, 3723.0, "好的")]


@pytest.mark.parametrize("name", ["gbk_colon.txt", "utf16_wechat.txt", "bom_transcript.txt"])
def test_encodings(name):
    t = read_input(FORMAT_DIR / name)
    assert any("明天" in u.text or "下周三" in u.text for u in t.utterances)
    assert t.warnings == []


def test_traditional_chinese_is_matched_simplified_and_shown_as_written():
    t = read_input(FORMAT_DIR / "traditional_colon.txt")
    u = t.utterances[0]
    assert u.text == "李娜你下週三前把需求文檔發給我。"
    assert u.norm == "李娜你下周三前把需求文档发给我。"
    assert t.meeting.title == "產品週會"


def test_forced_format_and_unknown_format():
    t = parse_text("张伟：好的\n李娜：收到", input_format="plain")
    assert t.format == "plain" and t.utterances[0].speaker is None
    with pytest.raises(UnknownFormatError, match="Unknown format 'xls'; expected one of: auto, transcript"):
        parse_text("x", input_format="xls")


def test_header_without_message_is_a_warning_not_a_loss():
    t = parse_text("2024-06-03 10:01:12 张三\n\n2024-06-03 10:02:00 李四\n我明天发\n")
    assert [(u.speaker, u.text) for u in t.utterances] == [("李四", "我明天发")]
    assert [(w.code, w.line) for w in t.warnings] == [("unreadable_line", 1)]


def test_undecodable_bytes_are_kept_with_a_warning():
    data = "张伟：明天发\n".encode("utf-16-le") + b"\x00\xd8" + "\n李娜：好".encode("utf-16-le")
    text, warnings = decode_bytes(data, "x.txt")
    assert "张伟：明天发" in text and "李娜：好" in text
    assert warnings and warnings[0].code == "decode"


@pytest.mark.parametrize("data,error", [
    (b"", EmptyInputError), (b"  \n\n", EmptyInputError), (b"%PDF-1.7 ...", BinaryInputError),
    (b"ID3\x04\x00\x00\x00", BinaryInputError), (bytes(range(256)) * 4, BinaryInputError),
])
def test_bad_input_is_one_clear_error(data, error):
    with pytest.raises(error) as err:
        decode_bytes(data, "bad.bin")
    assert "bad.bin" in str(err.value) and "\n" not in str(err.value)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["auto", *FORMATS]))
def test_parsers_never_raise_on_text(text, fmt):
    t = parse_text(text, input_format=fmt)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for u in t.utterances:
        assert 1 <= u.line <= len(lines)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_decode_never_raises_anything_else(data):
    try:
        text, _ = decode_bytes(data, "x")
    except (EmptyInputError, BinaryInputError):
        return
    parse_text(text)


DEV_FORMATS = {"dev01": "transcript", "dev02": "wechat", "dev03": "dingtalk", "dev04": "srt", "dev05": "vtt",
               "dev06": "colon", "dev07": "plain", "dev08": "transcript", "dev09": "colon", "dev10": "dingtalk"}


@pytest.mark.skipif(not (SHARED_EVAL / "dev").exists(), reason="shared/eval is not beside the project")
@pytest.mark.parametrize("case", sorted(DEV_FORMATS))
def test_dev_cases_detect_and_gold_lines_start_utterances(case):
    gold_file = next((SHARED_EVAL / "dev").glob(f"{case}_*.gold.json"))
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    t = read_input(gold_file.parent / gold["input"])
    assert t.format == DEV_FORMATS[case]
    starts = {u.line for u in t.utterances}
    for kind in ("decisions", "action_items", "open_questions"):
        for item in gold[kind]:
            assert {e["line"] for e in item.get("evidence", [])} <= starts


@pytest.mark.parametrize("stem,date", [("2024-03-10 周会", dt.date(2024, 3, 10)), ("weekly_20240310", dt.date(2024, 3, 10)),
                                       ("会议2024年3月10日", dt.date(2024, 3, 10)), ("notes", None), ("v2024", None)])
def test_meeting_date_from_the_file_name(tmp_path, stem, date):
    f = tmp_path / f"{stem}.txt"
    f.write_text("张伟：李娜你明天把报价单发给客户。\n", encoding="utf-8")
    assert read_input(f).meeting.date == date
