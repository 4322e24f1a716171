"""Tests of the Python SDK and its example plugins; standard library only (Pillow tests skip without it)."""
import importlib.util
import json
import os
import subprocess
import sys
import threading
import unittest
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import ledmatrix_plugin as sdk

EXAMPLES = Path(__file__).resolve().parents[2] / "main" / "python" / "examples"

try:
    import PIL  # noqa: F401
    HAVE_PILLOW = True
except ImportError:
    HAVE_PILLOW = False


def load(name):
    spec = importlib.util.spec_from_file_location(name + "_example", EXAMPLES / name / "main.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # run(...) is guarded by __main__ in weather
    return module


class CanvasTest(unittest.TestCase):
    def test_drawing_is_clipped_and_bytes_are_rgb_rows(self):
        c = sdk.Canvas(4, 2)
        c.set(1, 1, (1, 2, 3))
        c.set(9, 9, (9, 9, 9))
        c.rect(-5, 0, 6, 1, "#ff0000")
        data = c.to_bytes()
        self.assertEqual(len(data), 4 * 2 * 3)
        self.assertEqual(data[0:3], b"\xff\x00\x00")
        self.assertEqual(data[3:6], b"\x00\x00\x00")
        self.assertEqual(data[(1 * 4 + 1) * 3:(1 * 4 + 1) * 3 + 3], b"\x01\x02\x03")

    def test_text_width_and_unknown_characters(self):
        c = sdk.Canvas(32, 8)
        self.assertEqual(c.text(0, 0, "AB", "#ffffff"), 7)
        self.assertEqual(sdk.Canvas.text_width("AB"), 7)
        c.text(0, 0, "~", "#ffffff")  # drawn as '?', no error
        self.assertTrue(any(c.pixels))

    @unittest.skipUnless(HAVE_PILLOW, "Pillow not installed")
    def test_an_image_taken_is_what_is_sent(self):
        from PIL import ImageDraw
        c = sdk.Canvas(8, 4)
        ImageDraw.Draw(c.image()).point((2, 1), fill=(10, 20, 30))
        data = c.to_bytes()
        self.assertEqual(data[(1 * 8 + 2) * 3:(1 * 8 + 2) * 3 + 3], bytes([10, 20, 30]))


class ProtocolTest(unittest.TestCase):
    """The hello example spoken to over its pipes, as the service does."""

    def test_hello_configure_enable_update_render_shutdown(self):
        env = dict(os.environ, PYTHONPATH=str(Path(sdk.__file__).parent))
        p = subprocess.Popen([sys.executable, "main.py"], cwd=EXAMPLES / "hello", env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            def ask(message):
                p.stdin.write((json.dumps(message) + "\n").encode())
                p.stdin.flush()
                return json.loads(p.stdout.readline())

            self.assertEqual(ask({"type": "hello", "seq": 1, "protocol": 1, "width": 16, "height": 8}),
                             {"type": "ready", "seq": 1, "protocol": 1, "sdk": sdk.SDK_VERSION})
            self.assertEqual(ask({"type": "configure", "seq": 2, "config": {"message": "HI"}})["type"], "ok")
            self.assertEqual(ask({"type": "enable", "seq": 3})["type"], "ok")
            self.assertEqual(ask({"type": "update", "seq": 4, "timeout": 5})["type"], "ok")
            header = ask({"type": "render", "seq": 5, "time": "2026-01-01T00:00:01Z",
                          "shownSince": "2026-01-01T00:00:00Z", "frame": 1, "width": 16, "height": 8})
            self.assertEqual(header, {"type": "frame", "seq": 5, "length": 16 * 8 * 3})
            self.assertEqual(len(p.stdout.read(header["length"])), 16 * 8 * 3)
            reply = ask({"type": "configure", "seq": 6, "config": None})
            self.assertEqual(reply["type"], "ok")
            p.stdin.write(b'{"type": "shutdown", "seq": 7}\n')
            p.stdin.flush()
            self.assertEqual(p.wait(10), 0)
        finally:
            p.kill()
            p.wait()
            p.stdout.close()
            p.stderr.close()
            p.stdin.close()


# An answer in the format Open-Meteo documents for /v1/forecast with current=... (https://open-meteo.com/en/docs).
FORECAST = {
    "latitude": 47.37, "longitude": 8.54, "generationtime_ms": 0.04, "utc_offset_seconds": 3600,
    "timezone": "Europe/Zurich", "timezone_abbreviation": "CET", "elevation": 409.0,
    "current_units": {"time": "iso8601", "interval": "seconds", "temperature_2m": "°C",
                      "weather_code": "wmo code", "wind_speed_10m": "km/h"},
    "current": {"time": "2026-12-01T07:00", "interval": 900, "temperature_2m": -2.6, "weather_code": 71,
                "wind_speed_10m": 9.4},
}


class WeatherTest(unittest.TestCase):
    def setUp(self):
        self.requests = []
        test = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                test.requests.append(self.path)
                body = json.dumps(FORECAST).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d/v1/forecast" % self.server.server_address[1]

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def plugin(self, **config):
        weather = load("weather")
        p = weather.Weather()
        p.configure(dict(config, apiUrl=self.url))
        return weather, p

    def test_update_asks_for_the_current_weather_and_reads_the_documented_answer(self):
        weather, p = self.plugin(latitude=47.37, longitude=8.54, units="celsius")
        p.update(sdk.UpdateContext(5, __import__("time").time() + 5))
        query = parse_qs(urlparse(self.requests[0]).query)
        self.assertEqual(query["latitude"], ["47.37"])
        self.assertEqual(query["longitude"], ["8.54"])
        self.assertEqual(query["current"], ["temperature_2m,weather_code,wind_speed_10m"])
        self.assertEqual(query["temperature_unit"], ["celsius"])
        self.assertEqual(p.current, (-2.6, "°C", 71, 9.4, "km/h"))
        self.assertEqual(weather.condition(71), ("SNOW", "snow"))

    def test_render_draws_something_on_128x32_and_before_any_data(self):
        weather, p = self.plugin()
        c = sdk.Canvas(128, 32)
        p.render(c, None)
        self.assertTrue(any(c.to_bytes()))
        p.update(sdk.UpdateContext(5, __import__("time").time() + 5))
        c = sdk.Canvas(128, 32)
        p.render(c, None)
        self.assertEqual(len(c.to_bytes()), 128 * 32 * 3)
        self.assertTrue(any(c.to_bytes()[40 * 3:]))


if __name__ == "__main__":
    unittest.main()
