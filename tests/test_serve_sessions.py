"""serve.py's session storage: a disconnected session is shut down (its uploads and state released) once
its time to reconnect has passed, and not before."""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

from serve import ClosingSessionStorage


class _Session:
    def __init__(self, session_id: str) -> None:
        self.id = session_id
        self.shut_down = False

    def shutdown(self) -> None:
        self.shut_down = True


def _info(session_id: str) -> SimpleNamespace:
    return SimpleNamespace(session=_Session(session_id), client=None, script_run_count=1)


def test_expired_sessions_are_shut_down_and_a_reconnected_one_lives_on():
    """After the TTL every waiting session is shut down, except one whose browser came back; none is
    dropped early however many wait (Streamlit's own storage keeps 128)."""
    storage = ClosingSessionStorage(ttl_seconds=0.2)
    waiting = [_info(f"s{n}") for n in range(200)]
    for info in waiting:
        storage.save(info)  # type: ignore[arg-type]
    back: Any = storage.get("s7")
    storage.delete("s7")
    storage._waiting.expire()
    assert not any(info.session.shut_down for info in waiting), "nothing is shut down before its TTL"
    assert len(storage.list()) == 199
    time.sleep(0.3)
    storage._expire()  # as the server's event loop calls it: shut down, then memory handed back
    assert back is not None and not back.session.shut_down, "the reconnected session lives on"
    assert all(info.session.shut_down for info in waiting if info.session.id != "s7")
    assert storage.list() == []
