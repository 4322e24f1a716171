"""Write ledmatrix-manager plugins in Python.

A plugin is a class with ``update(ctx)`` (fetch data; may block) and ``render(canvas, ctx)`` (draw one frame;
must be fast), started by ``run(MyPlugin)``. The service runs it as a child process and talks to it over
stdin/stdout (protocol 1, docs/plugins-in-python.md). Standard library only; with Pillow installed,
``canvas.image()`` gives a ``PIL.Image`` to draw on.

Anything the plugin prints goes to the service log (stdout is reserved for the protocol), as does the
``logging`` module's output: ``self.log.info("...")``.
"""

import ctypes
import json
import logging
import os
import sys
import threading
import time
import traceback
from datetime import datetime

PROTOCOL = 1
SDK_VERSION = "1.0.0"

__all__ = ["Plugin", "Canvas", "UpdateContext", "RenderContext", "Cancelled", "run"]


class Cancelled(BaseException):
    """Raised inside ``update`` when the service cancels it (its timeout passed)."""


class UpdateContext:
    """Facts for one update: ``timeout`` (seconds), ``deadline`` (epoch seconds), ``cancelled`` (an Event)."""

    def __init__(self, timeout, deadline):
        self.timeout = timeout
        self.deadline = deadline
        self.cancelled = threading.Event()

    def remaining(self):
        """Seconds left before the update is cancelled; give this to network calls as their timeout."""
        return max(0.0, self.deadline - time.time())


class RenderContext:
    """Facts for one frame: ``time`` and ``shown_since`` (epoch seconds), ``frame`` number, ``elapsed`` seconds
    since the plugin came on screen (use it for scrolling), ``width`` and ``height``."""

    def __init__(self, message):
        self.time = _epoch(message.get("time")) or time.time()
        self.shown_since = _epoch(message.get("shownSince")) or self.time
        self.frame = message.get("frame", 0)
        self.width = message["width"]
        self.height = message["height"]
        self.elapsed = max(0.0, self.time - self.shown_since)


def _epoch(iso):
    if not iso:
        return None
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


# A 3x5 pixel font: five rows of three bits per character, drawn with one pixel between characters.
_FONT = {
    " ": "000000000000000", "0": "111101101101111", "1": "010110010010111", "2": "111001111100111",
    "3": "111001111001111", "4": "101101111001001", "5": "111100111001111", "6": "111100111101111",
    "7": "111001001001001", "8": "111101111101111", "9": "111101111001111", "A": "010101111101101",
    "B": "110101110101110", "C": "011100100100011", "D": "110101101101110", "E": "111100110100111",
    "F": "111100110100100", "G": "011100101101011", "H": "101101111101101", "I": "111010010010111",
    "J": "001001001101010", "K": "101101110101101", "L": "100100100100111", "M": "101111111101101",
    "N": "111101101101101", "O": "010101101101010", "P": "110101110100100", "Q": "010101101110011",
    "R": "110101110101101", "S": "011100010001110", "T": "111010010010010", "U": "101101101101111",
    "V": "101101101101010", "W": "101101111111101", "X": "101101010101101", "Y": "101101010010010",
    "Z": "111001010100111", ".": "000000000000010", ",": "000000000010100", ":": "000010000010000",
    "-": "000000111000000", "+": "000010111010000", "/": "001001010100100", "%": "101001010100101",
    "!": "010010010000010", "?": "110001010000010", "'": "010010000000000", "(": "001010010010001",
    ")": "100010010010100", "=": "000111000111000", "_": "000000000000111", "°": "010101010000000",
    "#": "101111101111101", "<": "001010100010001", ">": "100010001010100", "*": "000101010101000",
}


def _rgb(color):
    if isinstance(color, str):
        color = color.lstrip("#")
        return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)
    r, g, b = color
    return int(r) & 255, int(g) & 255, int(b) & 255


class Canvas:
    """One frame: ``width`` x ``height`` RGB pixels, black to start with. Drawing outside is clipped.

    Colors are ``(r, g, b)`` tuples or ``"#rrggbb"`` strings. ``pixels`` is the raw buffer (row by row, 3 bytes a
    pixel) for plugins that compute whole frames themselves.
    """

    def __init__(self, width, height):
        self.width = width
        self.height = height
        self.pixels = bytearray(width * height * 3)
        self._image = None

    def set(self, x, y, color):
        if 0 <= x < self.width and 0 <= y < self.height:
            i = (y * self.width + x) * 3
            self.pixels[i:i + 3] = bytes(_rgb(color))

    def fill(self, color):
        self.pixels[:] = bytes(_rgb(color)) * (self.width * self.height)

    def rect(self, x, y, w, h, color):
        """A filled rectangle."""
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(self.width, x + w), min(self.height, y + h)
        if x1 <= x0 or y1 <= y0:
            return
        row = bytes(_rgb(color)) * (x1 - x0)
        for yy in range(y0, y1):
            i = (yy * self.width + x0) * 3
            self.pixels[i:i + len(row)] = row

    def text(self, x, y, text, color, scale=1):
        """Draws text in the built-in 3x5 font with its top-left corner at (x, y); returns its width."""
        rgb = _rgb(color)
        pen = x
        for ch in str(text).upper():
            glyph = _FONT.get(ch, _FONT["?"])
            for row in range(5):
                for col in range(3):
                    if glyph[row * 3 + col] == "1":
                        self.rect(pen + col * scale, y + row * scale, scale, scale, rgb)
            pen += 4 * scale
        return pen - x - (scale if text else 0)

    @staticmethod
    def text_width(text, scale=1):
        return max(0, len(str(text)) * 4 * scale - scale)

    def image(self):
        """A ``PIL.Image`` ("RGB") of this frame to draw on with ``PIL.ImageDraw``; needs Pillow. Once taken,
        the image is what is sent."""
        if self._image is None:
            from PIL import Image  # optional dependency, imported only when used
            self._image = Image.frombytes("RGB", (self.width, self.height), bytes(self.pixels))
        return self._image

    def to_bytes(self):
        if self._image is not None:
            img = self._image if self._image.mode == "RGB" else self._image.convert("RGB")
            if img.size != (self.width, self.height):
                raise ValueError("the image is %dx%d, the frame %dx%d" % (img.size + (self.width, self.height)))
            return img.tobytes()
        return bytes(self.pixels)


class Plugin:
    """Base class of a plugin. Override ``render`` (and usually ``update``); the rest is optional.

    Attributes: ``config`` (the instance's config, a dict), ``instance_id``, ``width`` and ``height`` of the
    panel, ``log`` (a logger whose output goes to the service log).
    """

    def __init__(self):
        self.config = {}
        self.instance_id = os.environ.get("LEDMATRIX_PLUGIN_ID", "plugin")
        self.width = 0
        self.height = 0
        self.log = logging.getLogger(self.instance_id)
        self._session = None

    def configure(self, config):
        """A new config (already validated against the schema). Raise to refuse it."""
        self.config = config

    def update(self, ctx):
        """Fetch or compute what to show. Runs on its own thread; check ``ctx.cancelled`` in long loops."""

    def render(self, canvas, ctx):
        """Draw one frame on ``canvas``. Must be fast: a frame that is late is dropped."""
        raise NotImplementedError("a plugin must implement render(canvas, ctx)")

    def on_enable(self):
        pass

    def on_disable(self):
        pass

    def has_live_content(self):
        """True while there is something live to show (a game in progress, a train about to leave); with the
        instance's livePriority it then takes the screen. Asked after every update and render; answer from what
        update found, never fetch here."""
        return False

    def is_cycle_complete(self):
        """False while what is shown has not come to its natural end (a long message still scrolling): the turn
        then lasts beyond the display duration, up to the instance's maxDisplayDuration. Asked after every
        render."""
        return True


class _Session:
    def __init__(self, plugin, out):
        self.plugin = plugin
        self.out = out
        self.write_lock = threading.Lock()
        self.update_thread = None
        self.update_ctx = None
        self.update_seq = None
        self.live = False

    def send(self, message, payload=None):
        data = (json.dumps(message, separators=(",", ":")) + "\n").encode("utf-8")
        with self.write_lock:
            self.out.write(data)
            if payload is not None:
                self.out.write(payload)
            self.out.flush()

    def report_live(self):
        try:
            live = bool(self.plugin.has_live_content())
        except Exception:
            traceback.print_exc()
            live = False
        if live != self.live:
            self.live = live
            self.send({"type": "live", "live": live})

    def ok(self, seq, **fields):
        self.send(dict(type="ok", seq=seq, **fields))

    def error(self, seq, exc):
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
        self.send({"type": "error", "seq": seq, "message": "%s: %s" % (type(exc).__name__, exc),
                   "errorType": type(exc).__name__})

    def handle(self, message):
        kind = message.get("type")
        seq = message.get("seq")
        p = self.plugin
        if kind == "hello":
            p.width, p.height = message["width"], message["height"]
            p.instance_id = message.get("instance", p.instance_id)
            self.send({"type": "ready", "seq": seq, "protocol": PROTOCOL, "sdk": SDK_VERSION})
        elif kind == "configure":
            self.call(seq, p.configure, message.get("config") or {})
        elif kind == "enable":
            self.call(seq, p.on_enable)
        elif kind == "disable":
            self.call(seq, p.on_disable)
        elif kind == "update":
            self.start_update(seq, message)
        elif kind == "cancel":
            self.cancel(message.get("update"))
        elif kind == "render":
            self.render(seq, message)
        elif kind == "shutdown":
            return False
        else:
            self.send({"type": "error", "seq": seq, "message": "unknown message type %r" % kind})
        return True

    def call(self, seq, fn, *args):
        try:
            fn(*args)
            self.ok(seq)
        except Exception as exc:  # a failing hook is the plugin's failure, reported, not the end of it
            self.error(seq, exc)

    def render(self, seq, message):
        try:
            ctx = RenderContext(message)
            canvas = Canvas(ctx.width, ctx.height)
            self.plugin.render(canvas, ctx)
            frame = canvas.to_bytes()
            header = {"type": "frame", "seq": seq, "length": len(frame)}
            if not self.plugin.is_cycle_complete():
                header["cycleComplete"] = False
            self.send(header, frame)
        except Exception as exc:
            self.error(seq, exc)
        self.report_live()

    def start_update(self, seq, message):
        if self.update_thread is not None and self.update_thread.is_alive():
            self.send({"type": "error", "seq": seq, "message": "an update is still running"})
            return
        ctx = UpdateContext(float(message.get("timeout", 30)), time.time() + float(message.get("timeout", 30)))

        def work():
            try:
                self.plugin.update(ctx)
                self.report_live()
                self.ok(seq)
            except Cancelled:
                self.send({"type": "error", "seq": seq, "message": "cancelled", "errorType": "Cancelled"})
            except BaseException as exc:
                self.error(seq, exc)

        self.update_ctx, self.update_seq = ctx, seq
        self.update_thread = threading.Thread(target=work, name="update", daemon=True)
        self.update_thread.start()

    def cancel(self, seq):
        thread, ctx = self.update_thread, self.update_ctx
        if thread is None or not thread.is_alive() or seq != self.update_seq:
            return
        ctx.cancelled.set()
        # Also raise Cancelled inside the update's thread: pure-Python loops stop at once. A call blocked in C
        # (sleep, a socket without timeout) does not; the service kills the process after a short grace.
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(Cancelled))


def run(plugin):
    """Runs a plugin (a class or an instance) until the service says shutdown or closes stdin."""
    # stdout carries the protocol: keep it for ourselves and send everything else printed to stderr (the log).
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    instance = plugin() if isinstance(plugin, type) else plugin
    session = _Session(instance, out)
    instance._session = session
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        try:
            message = json.loads(line)
        except ValueError:
            print("ERROR ignoring a line that is not JSON", file=sys.stderr)
            continue
        if not session.handle(message):
            break
    try:
        out.flush()
    finally:
        os._exit(0)  # an update thread stuck in a call must not keep the process alive
