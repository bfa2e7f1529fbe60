"""A student without a browser: speaks HTTP and the Jupyter messaging protocol to the hub.

What a student's JupyterLab would send, and nothing it would compute for itself: log in through
the hub's form, wait for their server (through the proxy), load the notebook's page, start a
kernel, run every code cell, and answer the widgets the way the page would — ipympl's canvas
asks the page to request each picture ("draw"), and the page acknowledges each picture it gets.
A slider move is the comm message the page sends when the handle moves; it is over when the
panel's status line has changed *and* the new picture has arrived, both through the proxy.

Used by benchmarks/bench_hub.py: a class of these costs the machine only what the hub, the
servers and the kernels cost, not N browsers rendering JupyterLab (those run on the students'
own laptops in a real class).
"""
from __future__ import annotations

import json
import re
import struct
import time
import uuid
from urllib.parse import quote, urlparse

import requests
import websocket


class StudentTimeout(TimeoutError):
    """A step of the lesson did not finish in its time."""


def _unpack_binary(frame: bytes) -> tuple[dict, list[bytes]]:
    """jupyter_server's binary websocket frame: nbufs, offsets, JSON message, buffers."""
    (count,) = struct.unpack("!I", frame[:4])
    offsets = list(struct.unpack(f"!{count}I", frame[4:4 * (count + 1)])) + [len(frame)]
    message = json.loads(frame[offsets[0]:offsets[1]].decode())
    return message, [frame[a:b] for a, b in zip(offsets[1:-1], offsets[2:])]


class WireStudent:
    def __init__(self, hub_url: str, name: str, password: str):
        self.hub, self.name, self.password = hub_url.rstrip("/"), name, password
        self.user_url = f"{self.hub}/user/{name}"
        self.http = requests.Session()
        self.session_id = uuid.uuid4().hex
        self.comms: dict[str, dict] = {}     # comm id → widget state (model name, value, …)
        self.comm_cell: dict[str, int] = {}  # comm id → index of the cell that opened it
        self.pictures: dict[str, int] = {}   # canvas comm id → pictures received
        self.cell = -1
        self.errors: list[str] = []
        self.ws = None

    # -- the hub -------------------------------------------------------------------------
    def log_in(self, timeout: float) -> float:
        """Submit the login form, then wait for the student's server; returns seconds."""
        page = self.http.get(f"{self.hub}/hub/login", timeout=60)
        page.raise_for_status()
        form = {"username": self.name, "password": self.password}
        match = re.search(r'name="_xsrf"\s+value="([^"]+)"', page.text)
        form["_xsrf"] = match.group(1) if match else self.http.cookies.get("_xsrf", path="/hub/")
        start = time.perf_counter()
        self.http.post(f"{self.hub}/hub/login", data=form, timeout=timeout)
        deadline = start + timeout
        # Until the server is up the hub answers with its progress page; then the server's
        # page sends the browser through the hub's OAuth and back (cookies for /user/<name>/).
        while True:
            try:
                reply = self.http.get(f"{self.user_url}/lab", timeout=30)
                if reply.ok and urlparse(reply.url).path.startswith(f"/user/{self.name}/lab"):
                    break
            except requests.RequestException:
                pass
            if time.perf_counter() > deadline:
                raise StudentTimeout(f"server not up after {timeout:.0f} s")
            time.sleep(1.0)
        return time.perf_counter() - start

    def open_notebook(self, path: str, timeout: float) -> list[str]:
        """Load the notebook's page (sets the server's xsrf cookie) and return its code cells."""
        self.http.get(f"{self.user_url}/lab/tree/{quote(path)}", timeout=timeout).raise_for_status()
        model = self.http.get(f"{self.user_url}/api/contents/{quote(path)}", timeout=timeout)
        model.raise_for_status()
        self.path = path
        return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                for c in model.json()["content"]["cells"] if c["cell_type"] == "code"]

    def _xsrf(self) -> str:
        return next((c.value for c in self.http.cookies if c.name == "_xsrf"
                     and c.path.startswith(f"/user/{self.name}")), "")

    def start_kernel(self, timeout: float) -> None:
        reply = self.http.post(f"{self.user_url}/api/sessions", timeout=timeout,
                               headers={"X-XSRFToken": self._xsrf()},
                               json={"path": self.path, "type": "notebook", "name": "",
                                     "kernel": {"name": "python3"}})
        reply.raise_for_status()
        kernel = reply.json()["kernel"]["id"]
        host = urlparse(self.hub)
        url = (f"ws://{host.netloc}/user/{self.name}/api/kernels/{kernel}/channels"
               f"?session_id={self.session_id}&_xsrf={self._xsrf()}")
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        self.ws = websocket.create_connection(url, timeout=timeout, origin=self.hub,
                                              header=[f"Cookie: {cookie}"])

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()

    # -- messages --------------------------------------------------------------------------
    def _send(self, channel: str, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "session": self.session_id,
                       "username": self.name, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel,
            "buffers": []}))
        return msg_id

    def _custom(self, comm_id: str, content: dict) -> None:
        self._send("shell", "comm_msg", {"comm_id": comm_id,
                                         "data": {"method": "custom", "content": content}})

    def _receive(self, deadline: float) -> dict:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise StudentTimeout("no answer in time")
        self.ws.settimeout(remaining)
        try:
            frame = self.ws.recv()
        except websocket.WebSocketTimeoutException:
            raise StudentTimeout("no answer in time") from None
        message, buffers = (_unpack_binary(frame) if isinstance(frame, bytes)
                            else (json.loads(frame), []))
        self._handle(message, buffers)
        return message

    def _handle(self, message: dict, buffers: list) -> None:
        kind, content = message["header"]["msg_type"], message["content"]
        if kind == "comm_open":
            state = dict(content.get("data", {}).get("state", {}))
            self.comms[content["comm_id"]] = state
            self.comm_cell[content["comm_id"]] = self.cell
            if state.get("_model_name") == "MPLCanvasModel":  # what ipympl's view sends first
                self.pictures[content["comm_id"]] = 0
                for event in ({"type": "set_dpi_ratio", "dpi_ratio": 1}, {"type": "send_image_mode"},
                              {"type": "refresh"}, {"type": "initialized"}):
                    self._custom(content["comm_id"], event)
        elif kind == "comm_msg":
            comm, data = content["comm_id"], content.get("data", {})
            if data.get("method") == "update":
                self.comms.setdefault(comm, {}).update(data.get("state", {}))
            elif data.get("method") == "custom" and comm in self.pictures:
                event = json.loads(data["content"].get("data", "{}"))
                if event.get("type") == "draw":
                    self._custom(comm, {"type": "draw"})
                elif event.get("type") == "binary" or buffers:
                    self.pictures[comm] += 1
                    self._custom(comm, {"type": "ack"})
        elif kind == "error":
            self.errors.append(f"{content.get('ename')}: {content.get('evalue', '')[:120]}")

    def run_cells(self, cells: list[str], timeout: float) -> None:
        """Run every code cell in order, as Run All does; stops at the first cell that fails."""
        deadline = time.perf_counter() + timeout
        for index, source in enumerate(cells):
            self.cell = index
            msg_id = self._send("shell", "execute_request", {
                "code": source, "silent": False, "store_history": True, "user_expressions": {},
                "allow_stdin": False, "stop_on_error": True})
            idle = replied = False
            while not (idle and replied):
                message = self._receive(deadline)
                if message.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = message["header"]["msg_type"]
                idle |= kind == "status" and message["content"].get("execution_state") == "idle"
                if kind == "execute_reply":
                    replied = True
                    if message["content"].get("status") != "ok":
                        raise RuntimeError(f"cell {index + 1} failed: {self.errors[-1:] or '?'}")

    # -- the panel -------------------------------------------------------------------------
    def panel_parts(self, constructor: str, cells: list[str], slider: str) -> tuple[str, list, str]:
        """Comm ids of the slider called ``slider``, the status lines and the canvas of the
        panel made by the cell that calls ``constructor``."""
        cell = next(i for i, source in enumerate(cells) if constructor in source)
        mine = [c for c, i in self.comm_cell.items() if i == cell]
        knob = next(c for c in mine if self.comms[c].get("description") == slider
                    and "Slider" in self.comms[c].get("_model_name", ""))
        statuses = [c for c in mine if self.comms[c].get("_model_name") == "HTMLModel"]
        canvas = next(c for c in mine if c in self.pictures)
        return knob, statuses, canvas

    def move(self, knob: str, statuses: list, canvas: str, value: float, timeout: float) -> float:
        """Move the slider to ``value``; milliseconds until the status and the picture are new."""
        before = {c: self.comms[c].get("value") for c in statuses}
        pictures = self.pictures[canvas]
        start = time.perf_counter()
        self._send("shell", "comm_msg", {"comm_id": knob, "data": {
            "method": "update", "state": {"value": value}, "buffer_paths": []}})
        deadline = start + timeout
        while not (any(self.comms[c].get("value") != before[c] for c in statuses)
                   and self.pictures[canvas] > pictures):
            self._receive(deadline)
        return (time.perf_counter() - start) * 1000

    def settle(self, seconds: float) -> None:
        """Keep answering the kernel (pictures, draws) for ``seconds``, as an open page does."""
        deadline = time.perf_counter() + seconds
        while True:
            try:
                self._receive(deadline)
            except StudentTimeout:
                return
