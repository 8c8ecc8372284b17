"""`minutes export` and `minutes send`: a reviewed draft (the JSON of `minutes extract --format json`) out."""
from __future__ import annotations

import re
import sys

import click

FORMATS = ("md", "docx", "json", "csv", "ics", "html")  # extractor.render.EXPORT_FORMATS, kept import-free here


def _format_for(out_format: str | None, output: str | None) -> str:
    if out_format:
        return out_format
    suffix = output.rpartition(".")[2].lower() if output and "." in output else ""
    return {"markdown": "md", "htm": "html"}.get(suffix, suffix) if suffix in (*FORMATS, "markdown", "htm") else "md"


@click.command()
@click.argument("draft", metavar="DRAFT.json", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option("--format", "-f", "out_format", type=click.Choice(FORMATS),
              help="md, docx (Word), json, csv (tasks, for Feishu/DingTalk tables and Excel), ics (deadlines), "
                   "html.  [default: from the -o suffix, else md]")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to a file instead of stdout (docx needs it unless stdout is redirected).")
def export(draft, out_format, output):
    """Export a reviewed draft (the JSON of `minutes extract --format json`); rejected items are left out.

    \b
    Example:
      minutes extract meeting.txt --format json -o draft.json     # then review draft.json
      minutes export draft.json -o 会议纪要.docx
      minutes export draft.json --format csv -o tasks.csv       # import into 飞书/钉钉多维表格, or Excel
      minutes export draft.json --format ics -o deadlines.ics   # one all-day event per due date
    """
    from extractor.render import export_minutes, load_minutes

    fmt = _format_for(out_format, output)
    stdout = _binary_stdout()
    if fmt == "docx" and not output and stdout.isatty():
        raise click.UsageError("docx is a binary file; give -o FILE.docx (or redirect stdout to a file)")
    data = export_minutes(load_minutes(draft), fmt)
    if output:
        try:
            with open(output, "wb") as fh:
                fh.write(data)
        except OSError as err:
            raise click.ClickException(f"cannot write {output}: {err.strerror or err}") from None
        click.echo(f"wrote {output}", err=True)
    else:
        stdout.write(data)
        stdout.flush()


def _binary_stdout():
    return getattr(sys.stdout, "buffer", sys.stdout)


def _recipients(ctx, param, value):
    return tuple(p.strip() for p in re.split(r"[,，;；]", value or "") if p.strip())


@click.command()
@click.argument("draft", metavar="DRAFT.json", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option("--to", "to", required=True, callback=_recipients, metavar="ADDRESSES",
              help="Recipients, comma-separated: a@x.com,b@y.com or '张伟 <a@x.com>'.")
@click.option("--config", type=click.Path(dir_okay=False), metavar="FILE",
              help="SMTP settings file (TOML, [smtp] table)  [default: ~/.config/minutes/config.toml]")
@click.option("--subject", help="Mail subject  [default: 会议纪要：<title>（<date>）]")
@click.option("--allow-unreviewed", is_flag=True,
              help="Send even though items are still in review 'draft' (the mail is marked 草稿).")
def send(draft, to, config, subject, allow_unreviewed):
    """Mail a reviewed draft: Markdown and HTML body, the .docx attached (SMTP; needs the export extra).

    SMTP settings come from MINUTES_SMTP_HOST, _PORT, _USER, _PASSWORD, _FROM, _STARTTLS, or the [smtp]
    table of the config file. Nothing is sent while items are still in review 'draft'.

    \b
    Example:
      export MINUTES_SMTP_HOST=smtp.example.com MINUTES_SMTP_USER=me@example.com MINUTES_SMTP_PASSWORD=...
      minutes send draft.json --to zhang@example.com,li@example.com
      minutes send draft.json --to zhang@example.com --config ~/minutes-smtp.toml
    """
    from extractor.render import load_minutes, unreviewed_count, without_rejected
    from extractor.send import SendOptions, send_minutes

    minutes = load_minutes(draft)
    waiting = unreviewed_count(without_rejected(minutes))
    result = send_minutes(minutes, SendOptions(to=to, config=config, subject=subject,
                                               allow_unreviewed=allow_unreviewed))
    if waiting:
        click.echo(f"warning: {waiting} item(s) were sent unreviewed (--allow-unreviewed); the mail says 草稿",
                   err=True)
    click.echo(f"sent '{result.subject}' to {', '.join(result.recipients)}", err=True)
    if result.refused:
        raise click.ClickException("the server refused " + "; ".join(f"{a} ({r})" for a, r in result.refused.items()))
