"""Start the app: `streamlit run app.py` with deep links routed by app.py from the first request.

Streamlit treats a folder named pages/ beside the main script as a legacy multipage app until the main
script has run once; a deep link such as /pathway?node=AKT2 opened first after start would then run the
page file without app.py's router and sidebar. Declaring the app a st.navigation app before the server
starts closes that gap.
"""

import asyncio
import contextlib
import ctypes
import ctypes.util
import gc
import math
import sys

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.caching.ttl_cache import TTLCache
from streamlit.runtime.memory_session_storage import MemorySessionStorage
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.session_manager import SessionInfo
from streamlit.web import cli
from streamlit.web.server import server

from components.sidebar import SESSION_LOST_KEY


def _whole_page_first(request_rerun):
    """A session's first run is the whole page.

    A browser whose session was lost keeps showing the old page, and its next click on the map asks for
    a run of a fragment the new session never drew. Streamlit drops such a request without a word, so
    the page would stop answering; the whole page is run instead, and the person sees where they are.
    """

    def request_whole_page_first(self, client_state: ClientState | None) -> None:
        if client_state is not None and client_state.fragment_id and not getattr(self, "_has_run", False):
            whole = ClientState()
            whole.CopyFrom(client_state)
            whole.fragment_id = ""
            client_state = whole
            self._session_state[SESSION_LOST_KEY] = True
        self._has_run = True
        request_rerun(self, client_state)

    return request_whole_page_first


class ClosingSessionStorage(MemorySessionStorage):
    """Disconnected sessions, kept for server.disconnectedSessionTTL in case the browser comes back, and
    then shut down.

    Streamlit's own storage forgets an expired session without shutting it down, and forgets the oldest
    at once when more than 128 are waiting: their uploaded files and session state then stayed in
    memory, a person's genetic data with them, until some later event swept them up.
    """

    def __init__(self, maxsize: int = 128, ttl_seconds: float = 120) -> None:
        super().__init__(maxsize=maxsize, ttl_seconds=int(ttl_seconds))
        self._ttl = ttl_seconds
        self._reconnected: set[str] = set()
        # However many tabs a class closes at once, each waits for its TTL: none is dropped early.
        self._waiting: TTLCache = TTLCache(maxsize=math.inf, ttl=ttl_seconds, on_remove=self._removed)
        self._cache = self._waiting
        self._shut_down = 0

    def _removed(self, session_id: str, info: SessionInfo) -> None:
        if session_id not in self._reconnected:
            info.session.shutdown()
            self._shut_down += 1

    def _expire(self) -> None:
        """Shut down the sessions whose TTL has passed, and give the memory they held back to the system."""
        self._shut_down = 0
        self._waiting.expire()
        if self._shut_down:
            _release_freed_memory()

    def save(self, session_info: SessionInfo) -> None:
        """Keep a disconnected session for its TTL, and look for expired ones when that has passed."""
        super().save(session_info)
        with contextlib.suppress(RuntimeError):  # outside the server's event loop nothing is scheduled
            asyncio.get_running_loop().call_later(self._ttl + 1, self._expire)

    def delete(self, session_id: str) -> None:
        """Take a session back out (its browser reconnected): it lives on."""
        self._reconnected.add(session_id)
        try:
            super().delete(session_id)
        finally:
            self._reconnected.discard(session_id)


_LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")


def _release_freed_memory() -> None:
    """Collect what the closed sessions left (their state holds cycles), then ask glibc to return the free
    parts of its heap: without it, a class's worth of freed pages stays counted against the server."""
    gc.collect()
    with contextlib.suppress(AttributeError):  # malloc_trim is glibc's; another C library keeps its pages
        _LIBC.malloc_trim(0)


def _shared_state_out_of_the_collectors_way() -> None:
    """Load what every session shares (the knowledge base with its graph, pandas and plotly) before the
    first session, and freeze it: Python's full collections then no longer walk these hundreds of
    thousands of long-lived objects, and each one held every session's answer for as long as it ran.
    Only start-up state is frozen, never a session's: its garbage must stay collectable."""
    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401

    from kb.graph import pathway_graph
    from kb.index import knowledge_index

    knowledge_index()
    pathway_graph()
    gc.collect()
    gc.freeze()


def main() -> None:
    """Run `streamlit run app.py` with this script's arguments, as a st.navigation app from the start."""
    _shared_state_out_of_the_collectors_way()
    PagesManager.uses_pages_directory = False
    AppSession.request_rerun = _whole_page_first(AppSession.request_rerun)  # type: ignore[method-assign]
    server.MemorySessionStorage = ClosingSessionStorage  # type: ignore[misc]
    sys.argv = ["streamlit", "run", "app.py", *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
