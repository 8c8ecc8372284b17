"""Peak memory while decoding a long recording in chunks, as `minutes extract` does.

    .venv/bin/python bench/bench_audio_memory.py [--minutes 120] [--transcribe-chunks 1]

Builds a WAV of the given length by repeating a bundled clip (in a temporary folder), streams it through the
chunked decoder, optionally transcribes the first chunks with the bundled model, and prints peak RSS
against the size the whole recording would take in memory decoded at once.
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=120.0)
    ap.add_argument("--transcribe-chunks", type=int, default=1)
    args = ap.parse_args()

    import numpy as np

    from extractor.ingest import audio

    clip = np.concatenate([c for _, c in audio._pcm_chunks(ROOT / "fixtures" / "audio" / "zh_short.wav")])
    pcm = (clip * 32767).astype(np.int16).tobytes()
    seconds = args.minutes * 60
    with tempfile.TemporaryDirectory() as tmp:
        long = Path(tmp) / "long.wav"
        with wave.open(str(long), "w") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(audio.SAMPLE_RATE)
            written = 0.0
            while written < seconds:
                w.writeframes(pcm)
                written += len(clip) / audio.SAMPLE_RATE
        base = peak_mib()
        model = audio.load_model(audio.TranscribeOptions()) if args.transcribe_chunks else None
        chunks = 0
        for offset, samples in audio._pcm_chunks(long):
            if chunks < args.transcribe_chunks:
                list(audio._transcribe_chunk(model, samples, offset, "zh", audio.TranscribeOptions())["segments"])
            chunks += 1
        whole = written * audio.SAMPLE_RATE * 4 / 2**20
        print(f"{written / 60:.0f}-minute recording in {chunks} chunks: peak RSS {peak_mib():.0f} MiB "
              f"(before decoding {base:.0f} MiB; decoded at once it would be {whole:.0f} MiB of samples alone)")


if __name__ == "__main__":
    main()
