"""Start the app: `streamlit run app.py` with deep links routed by app.py from the first request.

Streamlit treats a folder named pages/ beside the main script as a legacy multipage app until the main
script has run once; a deep link such as /pathway?node=AKT2 opened first after start would then run the
page file without app.py's router and sidebar. Declaring the app a st.navigation app before the server
starts closes that gap.
"""

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli


def main() -> None:
    """Run `streamlit run app.py` with this script's arguments, as a st.navigation app from the start."""
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", "app.py", *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
