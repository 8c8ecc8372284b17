"""Sending reviewed minutes by mail (SMTP, stdlib smtplib/email): Markdown and HTML body, the .docx attached.

Settings come from the environment (MINUTES_SMTP_HOST, _PORT, _USER, _PASSWORD, _FROM, _STARTTLS), which
overrides a TOML config file (default ~/.config/minutes/config.toml, or $MINUTES_CONFIG):

    [smtp]
    host = "smtp.example.com"
    port = 587            # 465 means implicit TLS; otherwise STARTTLS unless starttls = false
    user = "recorder@example.com"
    password = "..."
    from = "recorder@example.com"
    starttls = true

Nothing is sent while items are still in review `draft`, unless the caller says allow_unreviewed.
"""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .errors import SendConfigError, SendError, UnreviewedDraftError
from .render.markdown import labels
from .render.review import draft_marker, unreviewed_count, without_rejected
from .schema import Minutes

if TYPE_CHECKING:
    from email.message import EmailMessage

log = logging.getLogger(__name__)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_ENV = {"host": "MINUTES_SMTP_HOST", "port": "MINUTES_SMTP_PORT", "user": "MINUTES_SMTP_USER",
        "password": "MINUTES_SMTP_PASSWORD", "from": "MINUTES_SMTP_FROM", "starttls": "MINUTES_SMTP_STARTTLS"}
_ADDRESS = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")


class SmtpSettings(BaseModel):
    """Where and how to send. Port 465 is implicit TLS; any other port upgrades with STARTTLS unless told not to."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    host: str
    port: int = 587
    user: str | None = None
    password: str | None = Field(default=None, repr=False)
    sender: str = Field(alias="from")
    starttls: bool = True
    timeout: float = 30.0


class SendOptions(BaseModel):
    """What `send_minutes` needs besides the draft.

    `to` is a mapping attendee name -> address, or a list of addresses ('a@x.com' or '张伟 <a@x.com>'); a
    comma-separated string is split. `smtp` given here skips the environment and the config file.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    to: dict[str, str] | tuple[str, ...]
    config: Path | None = None
    smtp: SmtpSettings | None = None
    subject: str | None = None
    allow_unreviewed: bool = False

    @field_validator("to", mode="before")
    @classmethod
    def _split(cls, value):
        if isinstance(value, str):
            return tuple(p.strip() for p in re.split(r"[,，;；]", value) if p.strip())
        if isinstance(value, Mapping):
            return dict(value)
        if isinstance(value, Sequence):
            return tuple(value)
        return value


class SendResult(BaseModel):
    """What happened: who got it, whom the server refused, and attendees who had no address."""

    subject: str
    message_id: str
    recipients: list[str]
    refused: dict[str, str] = Field(default_factory=dict)
    attendees_without_address: list[str] = Field(default_factory=list)


def default_config_path() -> Path:
    """$MINUTES_CONFIG, else $XDG_CONFIG_HOME/minutes/config.toml, else ~/.config/minutes/config.toml."""
    if os.environ.get("MINUTES_CONFIG"):
        return Path(os.environ["MINUTES_CONFIG"]).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "minutes" / "config.toml"


def _read_config(path: Path, explicit: bool) -> dict:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if explicit:
            raise SendConfigError(f"no such config file: {path}") from None
        return {}
    except OSError as err:
        raise SendConfigError(f"cannot read config file {path}: {err.strerror or err}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise SendConfigError(f"{path} is not valid TOML: {err}") from None
    smtp = data.get("smtp", {})
    if not isinstance(smtp, dict):
        raise SendConfigError(f"{path}: [smtp] must be a table of host, port, user, password, from, starttls")
    unknown = sorted(set(smtp) - set(_ENV))
    if unknown:
        raise SendConfigError(f"{path}: unknown [smtp] setting(s) {', '.join(unknown)}; "
                              f"expected: {', '.join(_ENV)}")
    return smtp


def _flag(value: object, name: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise SendConfigError(f"{name} must be true or false, not {value!r}")


def load_smtp_settings(config: str | os.PathLike | None = None,
                       environ: Mapping[str, str] | None = None) -> SmtpSettings:
    """SMTP settings from the environment over the config file. SendConfigError names whatever is missing."""
    env = os.environ if environ is None else environ
    path = Path(config).expanduser() if config else default_config_path()
    values: dict[str, object] = dict(_read_config(path, explicit=config is not None))
    origin = {k: f"{k} in {path}" for k in values}
    for key, var in _ENV.items():
        if env.get(var, "") != "":
            values[key], origin[key] = env[var], var
    if values.get("user") and not values.get("from") and "@" in str(values["user"]):
        values["from"] = values["user"]
    missing = [k for k in ("host", "from") if not values.get(k)]
    if values.get("user") and not values.get("password"):
        missing.append("password")
    if missing:
        raise SendConfigError(
            f"SMTP settings missing: {', '.join(missing)}; set {', '.join(_ENV[k] for k in missing)} "
            f"or {', '.join(missing)} under [smtp] in {path}")
    try:
        port = int(values.get("port", 587))
    except (TypeError, ValueError):
        raise SendConfigError(f"{origin.get('port', 'port')} must be a port number, not {values['port']!r}") from None
    if not 0 < port < 65536:
        raise SendConfigError(f"{origin.get('port', 'port')} must be a port number, not {port}")
    starttls = _flag(values.get("starttls", True), origin.get("starttls", "starttls"))
    if not _ADDRESS.match(str(values["from"])):
        raise SendConfigError(f"{origin['from']} is not an email address: {values['from']!r}")
    return SmtpSettings(host=str(values["host"]), port=port, user=values.get("user") or None,
                        password=values.get("password") or None, sender=str(values["from"]), starttls=starttls)


def _addresses(to: Mapping[str, str] | Sequence[str]):
    """(display name, address) pairs, each address checked; SendConfigError names a bad one."""
    from email.utils import parseaddr

    pairs = list(to.items()) if isinstance(to, Mapping) else [parseaddr(entry) for entry in to]
    out = []
    for name, addr in pairs:
        addr = (addr or "").strip()
        if not _ADDRESS.match(addr):
            raise SendConfigError(f"'{addr or name}' is not an email address" + (f" (for {name})" if name else ""))
        out.append(((name or "").strip(), addr))
    if not out:
        raise SendConfigError("no recipients; give their addresses, e.g. --to a@example.com,b@example.com")
    return out


def attachment_name(minutes: Minutes) -> str:
    """会议纪要_<title>_<date>.docx, with characters that file systems refuse replaced by _."""
    m = minutes.meeting
    parts = [labels(minutes)["title"], m.title, m.date.isoformat() if m.date else None]
    name = "_".join(p for p in parts if p)
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name) + ".docx"


def mail_subject(minutes: Minutes) -> str:
    """会议纪要：<title>（<date>）, with 【草稿】/[Draft] in front while items await review."""
    L, m = labels(minutes), minutes.meeting
    zh = minutes.language == "zh"
    subject = L["title"] + (f"{L['colon']}{m.title}" if m.title else "")
    if m.date:
        subject += f"（{m.date.isoformat()}）" if zh else f" ({m.date.isoformat()})"
    if draft_marker(without_rejected(minutes), L):
        subject = (f"【{L['draft_tag']}】" if zh else f"[{L['draft_tag']}] ") + subject
    return subject


def build_message(minutes: Minutes, to: Mapping[str, str] | Sequence[str], sender: str,
                  subject: str | None = None) -> EmailMessage:
    """The mail: Markdown (text/plain) and HTML (text/html) alternatives, the .docx attached. No review check."""
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.utils import formatdate, make_msgid

    from .render import render_docx, render_html, render_markdown

    msg = EmailMessage()
    msg["Subject"] = subject or mail_subject(minutes)
    msg["From"] = sender
    msg["To"] = [Address(display_name=name, addr_spec=addr) for name, addr in _addresses(to)]
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    msg.set_content(render_markdown(minutes))
    msg.add_alternative(render_html(minutes), subtype="html")
    maintype, subtype = DOCX_TYPE.split("/")
    msg.add_attachment(render_docx(minutes), maintype=maintype, subtype=subtype, filename=attachment_name(minutes))
    return msg


def send_minutes(minutes: Minutes, options: SendOptions) -> SendResult:
    """Mail the minutes to the given addresses through SMTP.

    Raises UnreviewedDraftError while items are in review `draft` (unless options.allow_unreviewed),
    SendConfigError for missing settings or a bad address, ExportUnavailableError without the export extra,
    and SendError when the server cannot be reached or refuses.
    """
    waiting = unreviewed_count(without_rejected(minutes))
    if waiting and not options.allow_unreviewed:
        raise UnreviewedDraftError(
            f"{waiting} item(s) are still in review 'draft'; confirm or reject each (set its review to "
            f"confirmed/edited/rejected) before sending, or send anyway with --allow-unreviewed")
    addresses = _addresses(options.to)
    settings = options.smtp or load_smtp_settings(options.config)
    msg = build_message(minutes, options.to, settings.sender, options.subject)
    refused = _deliver(msg, settings)
    if isinstance(options.to, Mapping):
        given = set(options.to)
        missing = [a for a in minutes.meeting.attendees if a not in given]
    else:
        missing = []
    return SendResult(subject=str(msg["Subject"]), message_id=str(msg["Message-ID"]),
                      recipients=[a for _, a in addresses if a not in refused], refused=refused,
                      attendees_without_address=missing)


def _deliver(msg: EmailMessage, s: SmtpSettings) -> dict[str, str]:
    import smtplib
    import ssl

    where = f"{s.host}:{s.port}"
    try:
        if s.port == 465:
            server = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        with server:
            server.ehlo()
            if s.port != 465 and s.starttls:
                if not server.has_extn("starttls"):
                    raise SendError(f"{where} does not offer STARTTLS; set MINUTES_SMTP_STARTTLS=false (or "
                                    f"starttls = false) only if plain SMTP to it is safe")
                server.starttls(context=ssl.create_default_context())
                server.ehlo()
            if s.user:
                server.login(s.user, s.password or "")
            refused = server.send_message(msg)
    except SendError:
        raise
    except smtplib.SMTPAuthenticationError as err:
        raise SendError(f"{where} refused the login as {s.user}: {_reply(err)}") from None
    except smtplib.SMTPRecipientsRefused as err:
        who = ", ".join(f"{a} ({_reply(r)})" for a, r in err.recipients.items())
        raise SendError(f"{where} refused every recipient: {who}") from None
    except smtplib.SMTPSenderRefused as err:
        raise SendError(f"{where} refused the sender {s.sender}: {_reply(err)}") from None
    except smtplib.SMTPException as err:
        raise SendError(f"could not send through {where}: {_reply(err)}") from None
    except OSError as err:  # refused, unreachable, timeout, TLS failure
        raise SendError(f"could not reach {where}: {err.strerror or err}") from None
    for addr, reply in refused.items():
        log.warning("%s refused %s: %s", where, addr, _reply(reply))
    return {addr: _reply(reply) for addr, reply in refused.items()}


def _reply(err: object) -> str:
    code = getattr(err, "smtp_code", None)
    text = getattr(err, "smtp_error", None)
    if code is None and isinstance(err, tuple) and len(err) == 2:
        code, text = err
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip() if code is not None else str(err)
