"""Sending minutes by mail, against a local aiosmtpd server on 127.0.0.1: message, settings, refusals."""
from __future__ import annotations

import email
import email.policy
import io
import socket

import pytest
from click.testing import CliRunner

from cli.main import cli
from conftest import FIXTURES
from extractor import ExtractOptions, Minutes, Review, SendOptions, SmtpSettings, extract_file, render_json, send_minutes
from extractor.errors import SendConfigError, SendError, UnreviewedDraftError
from extractor.send import DOCX_TYPE, build_message, load_smtp_settings

docx = pytest.importorskip("docx")
pytest.importorskip("aiosmtpd")

ENV = ("MINUTES_SMTP_HOST", "MINUTES_SMTP_PORT", "MINUTES_SMTP_USER", "MINUTES_SMTP_PASSWORD", "MINUTES_SMTP_FROM",
       "MINUTES_SMTP_STARTTLS", "MINUTES_CONFIG")


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.envelopes = []
        self.logins = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        self.logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret", handled=False)  # handled=False: reply 535

    def message(self, n: int = 0):
        return email.message_from_bytes(self.envelopes[n].content, policy=email.policy.default)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(**kwargs):
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), authenticator=inbox.authenticate,
                            auth_require_tls=False, **kwargs)
    controller.start()
    return inbox, controller


@pytest.fixture
def smtp(monkeypatch, tmp_path):
    """A local server, and the environment pointing at it (no config file, no TLS)."""
    for var in ENV:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "no-config.toml"))
    inbox, controller = start_server()
    monkeypatch.setenv("MINUTES_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MINUTES_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("MINUTES_SMTP_FROM", "recorder@example.com")
    monkeypatch.setenv("MINUTES_SMTP_STARTTLS", "false")
    yield inbox
    controller.stop()


@pytest.fixture(scope="module")
def demo() -> Minutes:
    return extract_file(FIXTURES / "demo_meeting.txt", ExtractOptions(extractors="rules"))  # exports, not extraction, under test


def confirmed(m: Minutes, **by_id: Review) -> Minutes:
    m = m.model_copy(deep=True)
    for item in [*m.decisions, *m.action_items, *m.open_questions]:
        item.review = by_id.get(item.id, Review.confirmed)
    return m


def parts(msg) -> dict[str, object]:
    return {p.get_content_type(): p for p in msg.walk() if not p.is_multipart()}


def test_sends_markdown_html_and_the_docx(smtp, demo):
    result = send_minutes(confirmed(demo), SendOptions(to=["chen@example.com", "孙浩 <sun@example.com>"]))
    assert len(smtp.envelopes) == 1
    envelope = smtp.envelopes[0]
    assert envelope.mail_from == "recorder@example.com"
    assert envelope.rcpt_tos == ["chen@example.com", "sun@example.com"]
    msg = smtp.message()
    assert msg["Subject"] == "会议纪要：官网改版与五一活动协调会（2025-04-08）" == result.subject
    assert msg["From"] == "recorder@example.com"
    assert [a.addr_spec for a in msg["To"].addresses] == ["chen@example.com", "sun@example.com"]
    assert msg["To"].addresses[1].display_name == "孙浩"
    assert msg["Message-ID"] == result.message_id
    found = parts(msg)
    assert set(found) == {"text/plain", "text/html", DOCX_TYPE}
    assert found["text/plain"].get_content().startswith("# 会议纪要：官网改版与五一活动协调会\n")
    assert "| A1 | 新版首页的设计稿你给陈磊一版 | 何静 |" in found["text/plain"].get_content()
    assert "<td>新版首页的设计稿你给陈磊一版</td>" in found["text/html"].get_content()
    attachment = found[DOCX_TYPE]
    assert attachment.get_content_disposition() == "attachment"
    assert attachment.get_filename() == "会议纪要_官网改版与五一活动协调会_2025-04-08.docx"
    doc = docx.Document(io.BytesIO(attachment.get_content()))
    assert [c.text for c in doc.tables[2].rows[1].cells][:3] == ["A1", "新版首页的设计稿你给陈磊一版", "何静"]
    assert result.recipients == ["chen@example.com", "sun@example.com"] and result.refused == {}


def test_attendee_mapping_names_recipients_and_reports_the_rest(smtp, demo):
    result = send_minutes(confirmed(demo), SendOptions(to={"周敏": "zhou@example.com", "陈磊": "chen@example.com"}))
    to = smtp.message()["To"].addresses
    assert [(a.display_name, a.addr_spec) for a in to] == [("周敏", "zhou@example.com"), ("陈磊", "chen@example.com")]
    assert result.attendees_without_address == ["何静", "孙浩", "刘芳"]


def test_user_text_is_escaped_in_the_html_mail(smtp, demo):
    m = confirmed(demo)
    m.action_items[0].task = "<script>alert('x')</script>"
    m.meeting.host = '"><img src=x onerror=alert(1)>'
    send_minutes(m, SendOptions(to=["a@example.com"]))
    html = parts(smtp.message())["text/html"].get_content()
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


def test_refuses_an_unreviewed_draft(smtp, demo):
    with pytest.raises(UnreviewedDraftError, match=r"^7 item\(s\) are still in review 'draft'.*--allow-unreviewed$"):
        send_minutes(demo, SendOptions(to=["a@example.com"]))
    with pytest.raises(UnreviewedDraftError, match=r"^1 item\(s\)"):
        send_minutes(confirmed(demo, A2=Review.draft), SendOptions(to=["a@example.com"]))
    assert smtp.envelopes == []


def test_rejected_items_do_not_hold_sending_back(smtp, demo):
    send_minutes(confirmed(demo, A2=Review.rejected), SendOptions(to=["a@example.com"]))
    msg = smtp.message()
    assert "草稿" not in msg["Subject"]
    assert "| A2 |" not in parts(msg)["text/plain"].get_content()


def test_allow_unreviewed_sends_a_marked_draft(smtp, demo):
    send_minutes(demo, SendOptions(to=["a@example.com"], allow_unreviewed=True))
    msg = smtp.message()
    assert msg["Subject"] == "【草稿】会议纪要：官网改版与五一活动协调会（2025-04-08）"
    assert "> 草稿：以下条目均待记录人确认后再发送。" in parts(msg)["text/plain"].get_content()


def test_login_with_user_and_password(smtp, demo, monkeypatch):
    monkeypatch.setenv("MINUTES_SMTP_USER", "recorder@example.com")
    monkeypatch.setenv("MINUTES_SMTP_PASSWORD", "s3cret")
    send_minutes(confirmed(demo), SendOptions(to=["a@example.com"]))
    assert smtp.logins == [(b"recorder@example.com", b"s3cret")]
    assert len(smtp.envelopes) == 1


def test_wrong_password_is_one_line(smtp, demo, monkeypatch):
    monkeypatch.setenv("MINUTES_SMTP_USER", "recorder@example.com")
    monkeypatch.setenv("MINUTES_SMTP_PASSWORD", "wrong")
    with pytest.raises(SendError, match=r"^127\.0\.0\.1:\d+ refused the login as recorder@example.com: 535"):
        send_minutes(confirmed(demo), SendOptions(to=["a@example.com"]))
    assert smtp.envelopes == []


def test_starttls_is_required_unless_turned_off(smtp, demo, monkeypatch):
    monkeypatch.delenv("MINUTES_SMTP_STARTTLS")  # default: on, and the test server offers none
    with pytest.raises(SendError, match="does not offer STARTTLS; set MINUTES_SMTP_STARTTLS=false"):
        send_minutes(confirmed(demo), SendOptions(to=["a@example.com"]))
    assert smtp.envelopes == []


def test_no_server_is_one_line(demo):
    settings = SmtpSettings(host="127.0.0.1", port=free_port(), sender="r@example.com", starttls=False, timeout=5)
    with pytest.raises(SendError, match=r"^could not reach 127\.0\.0\.1:\d+: "):
        send_minutes(confirmed(demo), SendOptions(to=["a@example.com"], smtp=settings))


# --- settings -------------------------------------------------------------------------------------------------

@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for var in ENV:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "no-config.toml"))


def test_missing_settings_name_what_to_set(clean_env, demo):
    with pytest.raises(SendConfigError) as err:
        send_minutes(confirmed(demo), SendOptions(to=["a@example.com"]))
    message = str(err.value)
    assert message.startswith("SMTP settings missing: host, from; set MINUTES_SMTP_HOST, MINUTES_SMTP_FROM or ")
    assert "no-config.toml" in message and "\n" not in message


def test_user_without_password(clean_env):
    with pytest.raises(SendConfigError, match="missing: password; set MINUTES_SMTP_PASSWORD"):
        load_smtp_settings(environ={"MINUTES_SMTP_HOST": "h.example.com", "MINUTES_SMTP_USER": "me@example.com"})


def test_config_file_and_environment_over_it(clean_env, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nhost = "smtp.example.com"\nport = 465\nuser = "me@example.com"\n'
                      'password = "pw"\nstarttls = false\n', encoding="utf-8")
    s = load_smtp_settings(config, environ={})
    assert (s.host, s.port, s.user, s.password, s.sender, s.starttls) == (
        "smtp.example.com", 465, "me@example.com", "pw", "me@example.com", False)  # from defaults to user
    s = load_smtp_settings(config, environ={"MINUTES_SMTP_PORT": "2525", "MINUTES_SMTP_FROM": "team@example.com"})
    assert (s.port, s.sender) == (2525, "team@example.com")
    assert "pw" not in repr(s)


@pytest.mark.parametrize("text, env, expected", [
    ("[smtp\nhost=", {}, "is not valid TOML"),
    ('[smtp]\nhots = "x"\n', {}, "unknown [smtp] setting(s) hots"),
    ('[smtp]\nhost = "h.example.com"\nfrom = "a@example.com"\nport = "abc"\n', {}, "port in "),
    ('[smtp]\nhost = "h.example.com"\nfrom = "a@example.com"\n', {"MINUTES_SMTP_STARTTLS": "maybe"},
     "MINUTES_SMTP_STARTTLS must be true or false"),
    ('[smtp]\nhost = "h.example.com"\nfrom = "not-an-address"\n', {}, "is not an email address"),
], ids=["toml", "unknown-key", "port", "starttls", "from"])
def test_bad_settings_are_one_line(clean_env, tmp_path, text, env, expected):
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(SendConfigError) as err:
        load_smtp_settings(config, environ=env)
    assert expected in str(err.value) and "\n" not in str(err.value)


def test_an_explicit_config_file_must_exist(clean_env, tmp_path):
    with pytest.raises(SendConfigError, match="no such config file"):
        load_smtp_settings(tmp_path / "missing.toml", environ={})


@pytest.mark.parametrize("to", [["chen"], ["chen@example.com", "孙浩 <sun@>"], {"周敏": "zhou at example.com"}, []])
def test_bad_recipients(demo, to):
    with pytest.raises(SendConfigError, match="is not an email address|no recipients"):
        build_message(confirmed(demo), to, "r@example.com")


# --- the command ----------------------------------------------------------------------------------------------

@pytest.fixture
def draft(demo, tmp_path):
    def write(m: Minutes):
        path = tmp_path / "draft.json"
        path.write_text(render_json(m), encoding="utf-8")
        return str(path)
    return write


def test_send_command_with_a_config_file(clean_env, demo, draft, tmp_path):
    inbox, controller = start_server()
    try:
        config = tmp_path / "smtp.toml"
        config.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {controller.port}\nfrom = "r@example.com"\n'
                          f'starttls = false\n', encoding="utf-8")
        result = CliRunner().invoke(cli, ["send", draft(confirmed(demo)), "--to", "a@example.com,b@example.com",
                                          "--config", str(config)])
    finally:
        controller.stop()
    assert result.exit_code == 0, result.output
    assert inbox.envelopes[0].rcpt_tos == ["a@example.com", "b@example.com"]
    assert "sent '会议纪要：官网改版与五一活动协调会（2025-04-08）' to a@example.com, b@example.com" in result.stderr


def test_send_command_refuses_an_unreviewed_draft(smtp, demo, draft):
    result = CliRunner().invoke(cli, ["send", draft(demo), "--to", "a@example.com"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: 7 item(s) are still in review 'draft'")
    assert result.output.count("\n") == 1
    assert smtp.envelopes == []
    result = CliRunner().invoke(cli, ["send", draft(demo), "--to", "a@example.com", "--allow-unreviewed"])
    assert result.exit_code == 0, result.output
    assert "warning: 7 item(s) were sent unreviewed" in result.stderr
    assert len(smtp.envelopes) == 1


def test_send_command_without_settings(clean_env, demo, draft):
    result = CliRunner().invoke(cli, ["send", draft(confirmed(demo)), "--to", "a@example.com"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: SMTP settings missing: host, from; set MINUTES_SMTP_HOST")


def test_send_command_with_a_bad_draft(clean_env, tmp_path):
    bad = tmp_path / "draft.json"
    bad.write_text('{"meeting": {}, "action_items": "none"}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["send", str(bad), "--to", "a@example.com"])
    assert result.exit_code == 1
    assert "is not a valid minutes draft: action_items" in result.output and "Traceback" not in result.output


def test_send_command_needs_recipients(clean_env, demo, draft):
    result = CliRunner().invoke(cli, ["send", draft(demo)])
    assert result.exit_code == 2
    assert "Missing option '--to'" in result.output

