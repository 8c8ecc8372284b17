"""End to end in a real browser: Selenium drives Debian's chromium against `minutes serve`'s app on 127.0.0.1.

Paste a chat log, review the draft (confirm one item, change another's due date, reject a third), sign off,
download the .docx and read its tables back. Saves docs/review.png, the screenshot the README shows.
Skipped without chromium and chromedriver (`make test` installs them with apt-get when it runs as root).
"""
from __future__ import annotations

import io
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="chromium and chromedriver are not installed "
                                       "(apt-get install chromium chromium-driver; `make test` does it as root)")
selenium = pytest.importorskip("selenium", reason="selenium is not installed (pip install -e '.[dev]')")
pytest.importorskip("fastapi")
docx = pytest.importorskip("docx")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

TOKEN = "browser-test-token"
SCREENSHOT = ROOT / "docs" / "review.png"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    import uvicorn

    from web import create_app

    app = create_app(tmp_path / "data", token=TOKEN, extractors="rules")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1500,1100", "--lang=zh-CN", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.downloads = downloads
    yield driver
    driver.quit()


def _reloaded(driver, old, timeout=45):
    WebDriverWait(driver, timeout).until(EC.staleness_of(old))
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _click_and_wait(driver, element):
    html = driver.find_element(By.TAG_NAME, "html")
    element.click()
    _reloaded(driver, html)


def test_review_in_a_browser(server, browser):
    d = browser
    d.get(f"{server}/login?token={TOKEN}")
    assert "新建会议纪要" in d.page_source

    # paste the chat log
    text = (FIXTURES / "demo_meeting.txt").read_text(encoding="utf-8")
    area = d.find_element(By.NAME, "text")
    area.send_keys("周敏：")  # typed, then the rest pasted in one go (typing 2 KB of Chinese is slow)
    d.execute_script("arguments[0].value = arguments[1];", area, text)
    _click_and_wait(d, d.find_element(By.CSS_SELECTOR, "#new-meeting button[type=submit]"))
    WebDriverWait(d, 30).until(EC.presence_of_element_located((By.ID, "item-A2")))
    assert "官网改版与五一活动协调会" in d.title
    assert d.find_element(By.ID, "unreviewed").text == "7"

    # evidence link scrolls the transcript panel to the line and highlights it
    d.find_element(By.CSS_SELECTOR, "#item-A3 a.ev").click()
    WebDriverWait(d, 30).until(lambda x: "hl" in x.find_element(By.ID, "line-23").get_attribute("class"))

    # confirm D1
    _click_and_wait(d, d.find_element(By.CSS_SELECTOR, "#item-D1 button[value=confirm]"))
    assert "已确认" in d.find_element(By.ID, "item-D1").text

    # edit A2's due date
    row = d.find_element(By.XPATH, "//tr[@id='item-A2']/following-sibling::tr[1]")
    row.find_element(By.TAG_NAME, "summary").click()
    due = row.find_element(By.NAME, "due")
    d.execute_script("arguments[0].value = '2025-04-17';", due)
    _click_and_wait(d, row.find_element(By.CSS_SELECTOR, "button[value=edit]"))
    assert d.find_element(By.CSS_SELECTOR, "#item-A2 td.due").text == "2025-04-17"
    assert "已修改" in d.find_element(By.ID, "item-A2").text

    # reject Q1
    _click_and_wait(d, d.find_element(By.CSS_SELECTOR, "#item-Q1 button[value=reject]"))
    assert "已驳回" in d.find_element(By.ID, "item-Q1").text
    assert d.find_element(By.ID, "unreviewed").text == "4"

    SCREENSHOT.parent.mkdir(exist_ok=True)
    d.execute_script("window.scrollTo(0, document.getElementById('item-D1').getBoundingClientRect().top"
                     " + window.scrollY - 60);")
    d.save_screenshot(str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000

    # sign off: the signed version is shown read-only
    _click_and_wait(d, d.find_element(By.CSS_SELECTOR, "#signoff button"))
    assert d.current_url.endswith("/versions/1")
    assert "已签发版本 v1" in d.page_source
    assert not d.find_elements(By.CSS_SELECTOR, "#item-A2 button[value=confirm]")

    # download the .docx and read its tables
    d.find_element(By.ID, "export-docx").click()
    deadline = time.time() + 20
    files: list[Path] = []
    while time.time() < deadline:
        files = [p for p in d.downloads.iterdir() if p.suffix == ".docx"]
        if files:
            break
        time.sleep(0.2)
    assert files, "no .docx downloaded"
    doc = docx.Document(io.BytesIO(files[0].read_bytes()))
    tables = {t.rows[0].cells[0].text + "|" + t.rows[0].cells[1].text: t for t in doc.tables}
    tasks = next(t for k, t in tables.items() if "任务描述" in k)
    header = [c.text for c in tasks.rows[0].cells]
    rows = {r.cells[0].text: dict(zip(header, (c.text for c in r.cells))) for r in tasks.rows[1:]}
    assert len(rows) == 4
    due_col = next(h for h in header if "时间" in h or "日期" in h)
    assert next(r for r in rows.values() if r["负责人"] == "陈磊")[due_col] == "2025-04-17"
    body = "\n".join(p.text for p in doc.paragraphs) + "\n".join(c.text for t in doc.tables for r in t.rows
                                                               for c in r.cells)
    assert "官网改版4月22号上线" in body
    assert "要不要找个网红直播" not in body  # Q1 was rejected
