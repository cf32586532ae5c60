"""A browserless Streamlit client: one session speaking the frontend's own websocket protocol.

It does what Streamlit's frontend does for a person, message for message, as captured from chromium
(`load_protocol.py --validate` checks it again): fetch the page and the assets a cold browser fetches,
open the websocket at /_stcore/stream with the XSRF token, send a rerun BackMsg with the query string and
the page (by name first, then by its script hash), send every rendered widget's state with each rerun,
send a fragment's id when a widget inside a fragment changes, name the large messages it still holds so
the server can send references to them, and upload files by asking for upload URLs and PUTting the file
with the session id and file id. An action ends when the script-finished ForwardMsg arrives: that is
when the browser has the complete answer.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import FileURLs
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.typing import Origin, Subprotocol

__all__ = ["Answer", "ProtocolError", "StreamlitSession"]

FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
# The frontend's default, sent again in every NewSession's config: a cached message is dropped once its
# script has finished this many runs without using it.
MAX_CACHED_MESSAGE_AGE = 2
SIDEBAR = 1  # delta paths start with the root container: 0 main, 1 sidebar


class ProtocolError(Exception):
    """The server answered something a browser would show as broken (or did not answer)."""


@dataclass
class _Rendered:
    """One element or block on the page, as the frontend holds it."""

    element: Element | None
    run: int
    fragment_id: str


@dataclass
class Answer:
    """What one script run sent: texts shown, errors shown, and how long it took."""

    seconds: float
    texts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    bytes_received: int = 0

    def shows(self, text: str) -> bool:
        """Whether any heading, markdown, caption or alert of the answer contains `text`."""
        return any(text in shown for shown in self.texts)


def _element_texts(element: Element) -> list[str]:
    kind = element.WhichOneof("type")
    if kind in ("heading", "markdown", "alert"):
        return [_payload(element).body]
    if kind == "metric":
        return [f"{element.metric.label}: {element.metric.body}"]
    return []


def _payload(element: Element) -> Any:
    """The message an element holds (its `type` oneof), whatever kind it is."""
    return getattr(element, str(element.WhichOneof("type")))


def _widget_default(element: Element) -> WidgetState | None:
    """The state the frontend reports for a widget nobody has touched yet (None: it reports none)."""
    kind = element.WhichOneof("type")
    widget = _payload(element)
    state = WidgetState(id=widget.id)
    if kind in ("radio", "selectbox"):
        if widget.set_value and widget.HasField("raw_value"):
            state.string_value = widget.raw_value
        elif widget.HasField("default") and widget.options:
            state.string_value = widget.options[widget.default]
        else:
            return None
    elif kind == "checkbox":
        state.bool_value = widget.value if widget.set_value else widget.default
    elif kind in ("text_input", "text_area"):
        state.string_value = widget.value if widget.set_value else widget.default
    else:  # buttons are triggers, charts and uploaders report only what a person did
        return None
    return state


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


class StreamlitSession:
    """One person's tab: a websocket session with the page state a browser would keep."""

    def __init__(self, base: str, timeout: float = 60.0) -> None:
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.session_id = ""
        self.page_hash = ""
        self.page_path = ""
        self.query_string = ""
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.rendered: dict[tuple[int, ...], _Rendered] = {}
        self.values: dict[str, WidgetState] = {}  # what the person set, by widget id
        self.cache: dict[str, tuple[ForwardMsg, int]] = {}  # message hash -> (message, last run used)
        self.runs = 0
        self.bytes_received = 0
        self.connection: websockets.ClientConnection | None = None
        self.favicon = ""

    # --- HTTP, as the browser does it ------------------------------------------------------------------

    def _http(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        """One HTTP request to the app's server (run in a thread); returns (status, headers, body)."""
        parts = urlsplit(self.base)
        connection = http.client.HTTPConnection(
            parts.hostname or "localhost", parts.port, timeout=self.timeout
        )
        try:
            sent = {"Cookie": _cookie_header(self.cookies)} if self.cookies else {}
            connection.request(method, path, body=body, headers={**sent, **(headers or {})})
            response = connection.getresponse()
            data = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie()
                cookie.load(header)
                self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
            return response.status, response.headers, data
        finally:
            connection.close()

    def _fetch_all(self, paths: list[str]) -> int:
        """GET each path over one keep-alive connection, as a browser's connection pool would."""
        parts = urlsplit(self.base)
        connection = http.client.HTTPConnection(
            parts.hostname or "localhost", parts.port, timeout=self.timeout
        )
        total = 0
        try:
            for path in paths:
                connection.request("GET", path, headers={"Cookie": _cookie_header(self.cookies)})
                response = connection.getresponse()
                data = response.read()
                if response.status != 200:
                    raise ProtocolError(f"GET {path}: HTTP {response.status}")
                total += len(data)
        finally:
            connection.close()
        return total

    async def get(self, path: str) -> bytes:
        """GET a path; anything but 200 is an error."""
        status, _, data = await asyncio.to_thread(self._http, "GET", path)
        if status != 200:
            raise ProtocolError(f"GET {path}: HTTP {status}")
        return data

    # --- opening the page ------------------------------------------------------------------------------

    async def open(self, path: str, query: str = "", assets: list[str] | tuple[str, ...] = ()) -> Answer:
        """Open a page as a browser does: the HTML, its assets, health and host config, then the
        websocket and the first run. Timed to the end of that run."""
        started = time.perf_counter()
        page = urlsplit(f"{self.base}/{path.lstrip('/')}").path
        await self.get(page + (f"?{query}" if query else ""))
        if assets:
            # Six keep-alive connections, as a browser opens to one host.
            shares = [list(assets)[start::6] for start in range(6)]
            fetched = await asyncio.gather(
                *(asyncio.to_thread(self._fetch_all, share) for share in shares if share)
            )
            self.bytes_received += sum(fetched)
        await self._connect()
        self.page_path = path.strip("/")
        self.query_string = query
        answer = await self._run(self._rerun_message(page_name=self.page_path))
        answer.seconds = time.perf_counter() - started
        return answer

    def _open_connection(self) -> websockets.ClientConnection:
        if self.connection is None:
            raise ProtocolError("not connected")
        return self.connection

    async def _connect(self, existing_session: str = "") -> None:
        """Health and host config (which set the XSRF cookie), then the websocket; on a reconnect the
        frontend names the session it had, as the third subprotocol entry."""
        await self.get("/_stcore/health")
        await self.get("/_stcore/host-config")
        xsrf = self.cookies.get("_streamlit_xsrf", "")
        ws_base = "ws" + self.base[len("http") :]
        self.connection = await websockets.connect(
            f"{ws_base}/_stcore/stream",
            subprotocols=[Subprotocol(name) for name in ("streamlit", xsrf, existing_session) if name],
            origin=Origin(self.base),
            additional_headers={"Cookie": _cookie_header(self.cookies)},
            max_size=None,
            open_timeout=self.timeout,
        )

    async def reconnect(self) -> None:
        """What the frontend does when its websocket drops: check the server's health until it answers,
        and connect again naming its session. It reruns nothing: the page stays as it was until the
        person's next action."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                await self._connect(existing_session=self.session_id)
                break
            except (OSError, ProtocolError, websockets.InvalidStatus):
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.5)

    async def close(self) -> None:
        """Close the tab."""
        if self.connection is not None:
            await self.connection.close()

    # --- what a person does ----------------------------------------------------------------------------

    def widget(self, key: str, kind: str | None = None) -> Element:
        """The rendered widget whose user key is `key` (its id ends with it)."""
        for rendered in self.rendered.values():
            element = rendered.element
            if element is None:
                continue
            found = element.WhichOneof("type")
            widget_id = getattr(getattr(element, found), "id", "") if found else ""
            if widget_id.endswith(f"-{key}") and (kind is None or found == kind):
                return element
        raise ProtocolError(f"no widget {key!r} on the page")

    def _fragment_of(self, widget_id: str) -> str:
        for rendered in self.rendered.values():
            element = rendered.element
            if element is not None and getattr(_payload(element), "id", "") == widget_id:
                return rendered.fragment_id
        return ""

    async def set_value(self, key: str, **value) -> Answer:
        """Change a widget (e.g. `string_value="Clinician"`), which reruns the page or its fragment."""
        element = self.widget(key)
        widget_id = _payload(element).id
        state = WidgetState(id=widget_id, **value)
        self.values[widget_id] = state
        return await self._run(self._rerun_message(fragment_id=self._fragment_of(widget_id)))

    async def press(self, key: str) -> Answer:
        """Press a button."""
        element = self.widget(key)
        widget_id = element.button.id
        trigger = WidgetState(id=widget_id, trigger_value=True)
        return await self._run(self._rerun_message(fragment_id=self._fragment_of(widget_id)), trigger=trigger)

    def figure(self, key: str) -> dict:
        """The plotly figure a chart shows now."""
        return json.loads(self.widget(key, "plotly_chart").plotly_chart.spec)

    async def select_point(self, key: str, customdata: str) -> Answer:
        """Click the point whose customdata is `customdata` on a plotly chart with on_select="rerun".

        The selection is the JSON the frontend builds from plotly's click event: the point's curve and
        index, x, y, and every per-point attribute of its trace, named as plotly names them with the
        first dot made an underscore (marker_symbol, marker_line.color)."""
        element = self.widget(key, "plotly_chart")
        figure = json.loads(element.plotly_chart.spec)
        state = WidgetState(
            id=element.plotly_chart.id, string_value=json.dumps(selection(figure, customdata))
        )
        self.values[state.id] = state
        return await self._run(self._rerun_message(fragment_id=self._fragment_of(state.id)))

    async def follow_link(self, label: str) -> Answer:
        """Follow a page link (st.page_link or the sidebar's navigation) by its label or page name."""
        target = None
        for rendered in self.rendered.values():
            element = rendered.element
            if (
                element is not None
                and element.WhichOneof("type") == "page_link"
                and element.page_link.label == label
            ):
                target = element.page_link.page_script_hash
        target = target or self.pages.get(label)
        if not target:
            raise ProtocolError(f"no link {label!r}")
        # The frontend forgets the old page's widgets when it changes page; the sidebar's stay.
        kept = {path: rendered for path, rendered in self.rendered.items() if path[:1] == (SIDEBAR,)}
        sidebar_ids = {getattr(_payload(r.element), "id", "") for r in kept.values() if r.element is not None}
        self.values = {wid: state for wid, state in self.values.items() if wid in sidebar_ids}
        self.page_hash = target
        self.query_string = ""
        return await self._run(self._rerun_message(), widgets_from=kept)

    async def upload(self, key: str, name: str, data: bytes) -> Answer:
        """Choose a file in a file uploader: ask for upload URLs, PUT the file, then rerun with it."""
        element = self.widget(key, "file_uploader")
        request = BackMsg()
        request.file_urls_request.request_id = str(uuid.uuid4())
        request.file_urls_request.file_names.append(name)
        request.file_urls_request.session_id = self.session_id
        started = time.perf_counter()
        try:
            await self._open_connection().send(request.SerializeToString())
        except websockets.ConnectionClosed as error:
            raise ProtocolError("connection closed (while sending)") from error
        urls = await self._file_urls(request.file_urls_request.request_id)
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        status, _, reply = await asyncio.to_thread(
            self._http,
            "PUT",
            urls.upload_url,
            body,
            {
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "X-Xsrftoken": self.cookies.get("_streamlit_xsrf", ""),
                "Origin": self.base,
            },
        )
        if status not in (200, 204):
            raise ProtocolError(f"upload: HTTP {status} {reply[:120]!r}")
        state = WidgetState(id=element.file_uploader.id)
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.name, info.size, info.file_id = name, len(data), urls.file_id
        info.file_urls.CopyFrom(urls)
        self.values[state.id] = state
        answer = await self._run(self._rerun_message(fragment_id=self._fragment_of(state.id)))
        answer.seconds = time.perf_counter() - started
        return answer

    # --- the protocol ----------------------------------------------------------------------------------

    def _rerun_message(self, page_name: str = "", fragment_id: str = "") -> BackMsg:
        message = BackMsg()
        rerun = message.rerun_script
        rerun.query_string = self.query_string
        rerun.page_script_hash = self.page_hash
        rerun.page_name = page_name
        rerun.fragment_id = fragment_id
        rerun.cached_message_hashes.extend(sorted(self.cache))
        context = rerun.context_info
        context.timezone, context.timezone_offset, context.locale = "UTC", 0, "en-US"
        context.url = f"{self.base}/{self.page_path}"
        context.is_embedded, context.color_scheme = False, "light"
        return message

    def _widget_states(self, rendered: dict[tuple[int, ...], _Rendered]) -> list[WidgetState]:
        states = []
        for item in rendered.values():
            if item.element is None:
                continue
            widget_id = getattr(_payload(item.element), "id", "")
            if not widget_id:
                continue
            state = self.values.get(widget_id) or _widget_default(item.element)
            if state is not None:
                states.append(state)
        return states

    async def _run(
        self, message: BackMsg, widgets_from: dict | None = None, trigger: WidgetState | None = None
    ) -> Answer:
        """Send a rerun with the page's widget states (and a pressed button's trigger); read until the
        run has finished."""
        widgets = message.rerun_script.widget_states.widgets
        widgets.extend(self._widget_states(self.rendered if widgets_from is None else widgets_from))
        if trigger is not None:
            widgets.append(trigger)
        started = time.perf_counter()
        try:
            await self._open_connection().send(message.SerializeToString())
        except websockets.ConnectionClosed as error:
            raise ProtocolError("connection closed (while sending)") from error
        return await self._read_run(started, message.rerun_script.fragment_id)

    async def _receive(self, deadline: float) -> tuple[ForwardMsg, int]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ProtocolError("no answer within the timeout")
        try:
            payload = await asyncio.wait_for(self._open_connection().recv(), remaining)
        except TimeoutError as error:
            raise ProtocolError("no answer within the timeout") from error
        except websockets.ConnectionClosed as error:
            raise ProtocolError(
                f"connection closed ({error.rcvd.code if error.rcvd else 'no code'})"
            ) from error
        self.bytes_received += len(payload)
        message = ForwardMsg()
        message.ParseFromString(payload)
        return message, len(payload)

    async def _file_urls(self, request_id: str) -> FileURLs:
        deadline = time.monotonic() + self.timeout
        while True:
            message, _ = await self._receive(deadline)
            if (
                message.WhichOneof("type") == "file_urls_response"
                and message.file_urls_response.response_id == request_id
            ):
                if message.file_urls_response.error_msg:
                    raise ProtocolError(f"upload refused: {message.file_urls_response.error_msg}")
                return message.file_urls_response.file_urls[0]

    async def _read_run(self, started: float, fragment_id: str) -> Answer:
        deadline = time.monotonic() + self.timeout
        answer = Answer(seconds=0.0)
        run = self.runs + 1
        while True:
            message, size = await self._receive(deadline)
            answer.bytes_received += size
            kind = message.WhichOneof("type")
            if kind == "new_session":
                new = message.new_session
                if new.HasField("initialize"):
                    self.session_id = new.initialize.session_id
                self.page_hash = new.page_script_hash
            elif kind == "navigation":
                self.pages = {
                    page.url_pathname: page.page_script_hash for page in message.navigation.app_pages
                }
                self.pages.update(
                    {page.page_name: page.page_script_hash for page in message.navigation.app_pages}
                )
                self.page_hash = message.navigation.page_script_hash or self.page_hash
                for page in message.navigation.app_pages:
                    if page.page_script_hash == self.page_hash:
                        self.page_path = page.url_pathname
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "page_config_changed":
                favicon = message.page_config_changed.favicon
                if favicon.startswith("/media/"):
                    await self.get(favicon)  # the browser fetches the tab's icon after each page run
            elif kind in ("delta", "ref_hash"):
                self._apply(message, run, answer)
            elif kind == "script_finished":
                if message.script_finished in FINISHED:
                    self._finish(
                        run,
                        fragment_id if message.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY else "",
                    )
                    answer.seconds = time.perf_counter() - started
                    return answer
                if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise ProtocolError("the script failed to compile")
            elif kind == "page_not_found":
                raise ProtocolError("page not found")

    def _apply(self, message: ForwardMsg, run: int, answer: Answer) -> None:
        if message.WhichOneof("type") == "ref_hash":
            cached = self.cache.get(message.ref_hash)
            if cached is None:
                raise ProtocolError("the server referred to a message this client never received")
            delta = cached[0].delta
            self.cache[message.ref_hash] = (cached[0], run)
        else:
            delta = message.delta
            if message.metadata.cacheable:
                self.cache[message.hash] = (message, run)
        path = tuple(message.metadata.delta_path)
        kind = delta.WhichOneof("type")
        if kind == "new_element":
            element = delta.new_element
            self.rendered[path] = _Rendered(element, run, delta.fragment_id)
            answer.texts.extend(_element_texts(element))
            found = element.WhichOneof("type")
            if found == "exception":
                answer.errors.append(f"exception: {element.exception.type}")
            elif found == "alert" and element.alert.format == element.alert.ERROR:
                answer.errors.append(f"error shown: {element.alert.body[:120]}")
        elif kind == "add_block":
            self.rendered[path] = _Rendered(None, run, delta.fragment_id)

    def _finish(self, run: int, fragment_id: str) -> None:
        """What the frontend does when a run finishes: drop what the run did not draw, age the cache."""
        self.runs = run
        self.rendered = {
            path: item
            for path, item in self.rendered.items()
            if item.run == run or (fragment_id and item.fragment_id != fragment_id)
        }
        live = set()
        for item in self.rendered.values():
            if item.element is not None:
                live.add(getattr(_payload(item.element), "id", ""))
        self.values = {wid: state for wid, state in self.values.items() if wid in live}
        self.cache = {
            h: (m, used) for h, (m, used) in self.cache.items() if run - used <= MAX_CACHED_MESSAGE_AGE
        }


def selection(figure: dict, customdata: str) -> dict:
    """The selection state Streamlit's frontend sends when a person clicks the point with `customdata`."""
    for curve, trace in enumerate(figure["data"]):
        points = trace.get("customdata") or []
        if customdata not in points:
            continue
        index = list(points).index(customdata)
        point = {"curve_number": curve, "point_number": index, "point_index": index}
        for name in ("x", "y", "customdata", "text", "hovertext"):
            values = trace.get(name)
            if isinstance(values, list) and len(values) == len(points):
                point[name] = values[index]
        for name, values in _per_point(trace, len(points)):
            point[name.replace(".", "_", 1)] = values[index]
        return {"selection": {"points": [point], "point_indices": [index], "box": [], "lasso": []}}
    raise ProtocolError(f"no point {customdata!r} on the chart")


def _per_point(trace: dict, count: int, prefix: str = ""):
    """(plotly attribute path, values) for every per-point style array of a trace's marker and text."""
    for name, value in trace.items():
        path = f"{prefix}{name}"
        if prefix == "" and name not in ("marker", "textfont"):
            continue
        if isinstance(value, dict):
            yield from _per_point(value, count, f"{path}.")
        elif isinstance(value, list) and len(value) == count:
            yield path, value
