"""`minutes` command line. Data on stdout, messages on stderr; exit 0 ok, 1 user error, 2 usage."""
from __future__ import annotations

import datetime as dt
import os
import sys

import click

from extractor import __version__
from extractor.errors import MinutesError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; use YYYY-MM-DD, e.g. 2024-03-10") from None


def _names(ctx, param, value):
    if not value:
        return ()
    import re

    return tuple(n.strip() for n in re.split(r"[,，、;；]", value) if n.strip())


def _audio_options(f):
    """Options of commands that read recordings."""
    f = click.option("--channel-speakers", callback=_names, metavar="NAMES",
                     help="One person per channel: their names in channel order (default 声道1, 声道2, …).")(f)
    f = click.option("--glossary", type=click.Path(exists=True, dir_okay=False),
                     help="Words to expect, one per line; 'wrong=>right' lines fix known misrecognitions.")(f)
    f = click.option("--language", type=click.Choice(["auto", "zh", "en"]), default="auto", show_default=True,
                     help="Spoken language of a recording.")(f)
    f = click.option("--device", type=click.Choice(["cpu", "cuda", "auto"]), default="cpu", show_default=True,
                     help="Where to run speech recognition.")(f)
    f = click.option("--model", metavar="DIR|NAME",
                     help="A CTranslate2 whisper model directory (default: the bundled whisper-base).")(f)
    return f


def _transcribe_options(model, device, language, glossary, attendees, channel_speakers=()):
    from extractor.ingest.audio import TranscribeOptions, read_glossary

    return TranscribeOptions(model=model, device=device, language=language, attendees=attendees,
                             glossary=read_glossary(glossary) if glossary else (), channel_speakers=channel_speakers)


class _Group(click.Group):
    """Turns every MinutesError into click's one-line `Error: ...` with exit code 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except MinutesError as err:
            raise click.ClickException(str(err)) from None


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="minutes")
def cli() -> None:
    """Turn a meeting chat log or transcript into a minutes draft (会议纪要) with evidence for every item.

    \b
    Example:
      minutes extract team_chat.txt
      minutes extract team_chat.txt --format json --meeting-date 2024-03-10
    """


@cli.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, dir_okay=True, readable=True))
@click.option("--format", "-f", "out_format", type=click.Choice(["md", "markdown", "json"]), default="md",
              show_default=True, help="Output: Markdown draft or the JSON contract.")
@click.option("--input-format", "-i", default="auto", show_default=True,
              help="Force an input format (see `minutes formats`).")
@click.option("--meeting-date", callback=_date, metavar="YYYY-MM-DD",
              help="Meeting date, when the input does not state one; due dates resolve against it.")
@click.option("--attendees", callback=_names, metavar="NAMES", help="Attendees, comma-separated: 张伟,李娜")
@click.option("--title", help="Meeting title, when the input has none.")
@click.option("--strict", is_flag=True, help="Treat warnings (skipped lines, unresolved dates) as errors.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write to a file instead of stdout.")
@click.option("--extractors", type=click.Choice(["rules", "model", "both"]), default="both", show_default=True,
              help="Rule extractors, the trained model (models/), or both (rules first, the model adds what they miss).")
@_audio_options
def extract(input_path, out_format, input_format, meeting_date, attendees, title, strict, output, extractors,
            model, device, language, glossary, channel_speakers):
    """Draft minutes from INPUT: a chat log, transcript, subtitles, or a recording (audio extra).

    \b
    Example:
      minutes extract team_chat.txt
      minutes extract team_chat.txt --format json
      minutes extract notes.txt --meeting-date 2024-03-10 --attendees 张伟,李娜
      minutes extract meeting.m4a --attendees 张伟,李娜,王强 --meeting-date 2024-03-10
    """
    from extractor import ExtractOptions, extract_file, render_json, render_markdown

    options = ExtractOptions(input_format=input_format, meeting_date=meeting_date, attendees=attendees,
                             title=title, strict=strict, extractors=extractors,
                             audio=_transcribe_options(model, device, language, glossary, attendees,
                                                       channel_speakers))
    minutes = extract_file(input_path, options)
    text = render_json(minutes) if out_format == "json" else render_markdown(minutes)
    _emit(text, output)


@cli.command()
@click.argument("input_path", metavar="RECORDING", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option("--format", "-f", "out_format", type=click.Choice(["txt", "srt", "vtt", "json"]), default="txt",
              show_default=True, help="Transcript format.")
@click.option("--attendees", callback=_names, metavar="NAMES", help="Names to expect, comma-separated (hotwords).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write to a file instead of stdout.")
@_audio_options
def transcribe(input_path, out_format, attendees, output, model, device, language, glossary, channel_speakers):
    """Transcribe a recording locally (faster-whisper; needs the audio extra).

    \b
    Example:
      minutes transcribe meeting.m4a
      minutes transcribe meeting.m4a --format srt --attendees 张伟,李娜 --glossary words.txt
    """
    from extractor.ingest.audio import stderr_progress, transcribe as run
    from extractor.render import render_transcript

    t = run(input_path, _transcribe_options(model, device, language, glossary, attendees, channel_speakers),
            progress=stderr_progress())
    for w in t.warnings:
        click.echo(f"warning: {w.message}", err=True)
    _emit(render_transcript(t, out_format), output)


@cli.command()
def formats():
    """List the input formats `extract` reads, with a sample of each.

    \b
    Example:
      minutes formats
    """
    from extractor.ingest import FORMATS

    for name, module in FORMATS.items():
        sample = module.SAMPLE.replace("\n", " ⏎ ")
        click.echo(f"{name:<11} {module.DESCRIPTION}")
        click.echo(f"{'':<11} e.g. {sample}")


@cli.group()
def rules():
    """Rule data under rules/."""


@rules.command("check")
def rules_check():
    """Validate every rule file and run every rule's examples.

    \b
    Example:
      minutes rules check
    """
    from extractor.rules import check_rules

    count, problems = check_rules()
    for p in problems:
        click.echo(p, err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {count} rules")
    click.echo(f"{count} rules OK, every example passes")


@cli.command()
def schema():
    """Print the JSON Schema of a minutes draft.

    \b
    Example:
      minutes schema > minutes.schema.json
    """
    import json

    from extractor import minutes_json_schema

    click.echo(json.dumps(minutes_json_schema(), ensure_ascii=False, indent=2))


def _emit(text: str, output: str | None) -> None:
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=not text.endswith("\n"))


def main() -> None:
    """Console entry point: click's own handling, and no traceback even for an unexpected error."""
    try:
        cli.main(prog_name="minutes")
    except Exception as err:  # MINUTES_DEBUG=1 shows the traceback
        if os.environ.get("MINUTES_DEBUG"):
            raise
        click.echo(f"Error: unexpected {type(err).__name__}: {err} (set MINUTES_DEBUG=1 for details)", err=True)
        sys.exit(1)


from .export import export, send  # noqa: E402  (the export and send commands live in cli/export.py)

from .train import train  # noqa: E402

cli.add_command(export)
cli.add_command(send)
cli.add_command(train)

from .serve import serve  # noqa: E402

cli.add_command(serve)

if __name__ == "__main__":
    main()
