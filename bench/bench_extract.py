"""Benchmark: extraction of a 10,000-message chat log, and CLI start-up.

    .venv/bin/python bench/bench_extract.py [--messages 10000]

Prints wall time and peak resident memory of `minutes extract` on a generated WeChat-format log (each
measurement in a fresh process, so imports and rule loading are counted), and the time of `minutes --help`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import tempfile
from pathlib import Path

PEOPLE = ["张伟", "李娜", "王强", "陈静", "刘洋", "赵敏", "孙磊", "吴昊", "Amy", "郑凯"]
LINES = [
    "{a}你明天下班前把{doc}发群里", "好的", "收到", "我这边本周五前把{doc}整理出来", "{doc}的事下次再议吧",
    "那就这么定了，按{n}万的预算走", "我建议先做{doc}，其他的放第二批", "这个周三前能给吗？", "可以，没问题",
    "昨天已经发给客户了", "@{a} 下周一前确认一下{doc}", "客户那边还在等报价，{doc}待确认", "今天天气真不错",
    "如果预算够的话可以再加一场活动", "{a}配合一下，两周内出{doc}", "行吧", "[图片]", "哈哈哈",
]
DOCS = ["排期表", "需求文档V1.0", "推广方案", "测试报告", "预算表", "活动细则", "采购清单", "合同草稿"]


def make_log(path: Path, messages: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    t = dt.datetime(2024, 5, 29, 9, 0, 0)
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(messages):
            t += dt.timedelta(seconds=rnd.randint(5, 90))
            speaker = rnd.choice(PEOPLE)
            text = rnd.choice(LINES).format(a=rnd.choice(PEOPLE), doc=rnd.choice(DOCS), n=rnd.randint(3, 90))
            fh.write(f"{t:%Y-%m-%d %H:%M:%S} {speaker}\n{text}\n\n")


def measure(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    probe = ("import resource,subprocess,sys,time;t=time.perf_counter();"
             "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL);w=time.perf_counter()-t;"
             "m=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024;print(w,m,r.returncode)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True).stdout
    wall, peak, rc = out.split()
    if rc != "0":
        raise SystemExit(f"command failed: {' '.join(cmd)}")
    return float(wall), float(peak)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    minutes = str(Path(sys.executable).parent / "minutes")
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "chat.txt"
        make_log(log, args.messages)
        size = log.stat().st_size
        runs = [measure([minutes, "extract", str(log), "--format", "json"]) for _ in range(args.repeat)]
        helps = [measure([minutes, "--help"]) for _ in range(args.repeat)]
    wall = min(r[0] for r in runs)
    peak = max(r[1] for r in runs)
    print(f"extract {args.messages} messages ({size / 1e6:.1f} MB): "
          f"wall {wall:.2f} s (best of {args.repeat}), peak RSS {peak:.0f} MiB")
    print(f"minutes --help: {min(h[0] for h in helps):.2f} s")


if __name__ == "__main__":
    main()
