"""Shared test setup: no network, golden-file refresh flag, paths to fixtures and the shared eval set."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite golden files under fixtures/expected from the current output")


def check_golden(path: Path, got: dict, update: bool) -> None:
    """Compare with a golden file; `pytest --update-golden` rewrites it (review the diff before committing)."""
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}; run pytest --update-golden and review it"
    assert got == json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """The joined speech model and transcript caches go to a temporary folder, not the user's cache."""
    import os

    os.environ["MINUTES_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Tests never reach the network: connecting anywhere but loopback fails loudly."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1") or host.startswith("/")):
            return real_connect(self, address)
        raise RuntimeError(f"network access in a test: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)
