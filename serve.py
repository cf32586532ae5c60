"""Start the app: `streamlit run app.py` with deep links routed by app.py from the first request.

Streamlit treats a folder named pages/ beside the main script as a legacy multipage app until the main
script has run once; a deep link such as /pathway?node=AKT2 opened first after start would then run the
page file without app.py's router and sidebar. Declaring the app a st.navigation app before the server
starts closes that gap.
"""

import sys

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

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


def main() -> None:
    """Run `streamlit run app.py` with this script's arguments, as a st.navigation app from the start."""
    PagesManager.uses_pages_directory = False
    AppSession.request_rerun = _whole_page_first(AppSession.request_rerun)
    sys.argv = ["streamlit", "run", "app.py", *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
