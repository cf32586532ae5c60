"""serve.py, with the duration of each script run appended to a file: the server's share of a click.

Used only by the load benchmark. A line is "<kind> <seconds>", kind "fragment" for a run of one fragment
(a click on the map) and "page" for a whole page; nothing about a session's data is written.
"""

import os
import sys
import time
from pathlib import Path

from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import serve  # noqa: E402

RUN_TIMES = Path(os.environ["RUN_TIMES_FILE"])
_run_script = ScriptRunner._run_script


def _timed_run_script(self, rerun_data):
    start = time.perf_counter()
    try:
        return _run_script(self, rerun_data)
    finally:
        kind = "fragment" if rerun_data.fragment_id_queue else "page"
        with RUN_TIMES.open("a") as out:
            out.write(f"{kind} {time.perf_counter() - start:.4f}\n")


if __name__ == "__main__":
    setattr(ScriptRunner, "_run_script", _timed_run_script)  # noqa: B010 - wraps Streamlit's method to time it
    serve.main()
