"""Read an input file into a Transcript: decode bytes, detect the format, parse, normalize.

One module per source format in this package. Each format module exposes:

    NAME: str                      # the --input-format name, e.g. "wechat"
    DESCRIPTION: str               # one line for `minutes formats`
    SAMPLE: str                    # a one-line (or two-line, with \\n) sample of the format
    def sniff(lines: list[str]) -> float        # 0..1, how sure it is that the text is in this format
    def parse(lines: list[str]) -> Transcript   # utterances with 1-based line numbers of the text line

detect.py picks the format with the highest sniff score.
"""
