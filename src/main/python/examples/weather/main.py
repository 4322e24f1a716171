"""Current weather from Open-Meteo's forecast API (https://open-meteo.com/en/docs): temperature, a WMO weather
code turned into a word and an icon, and the wind. Draws with Pillow when it is installed, else on the plain
canvas."""
import json
import urllib.parse
import urllib.request

from ledmatrix_plugin import Plugin, run

# WMO weather interpretation codes, as Open-Meteo documents them, grouped into what fits on a panel.
CONDITIONS = [
    ((0,), "CLEAR", "sun"), ((1, 2), "CLOUDY", "sun-cloud"), ((3,), "OVERCAST", "cloud"),
    ((45, 48), "FOG", "cloud"), ((51, 53, 55, 56, 57), "DRIZZLE", "rain"),
    ((61, 63, 65, 66, 67, 80, 81, 82), "RAIN", "rain"), ((71, 73, 75, 77, 85, 86), "SNOW", "snow"),
    ((95, 96, 99), "STORM", "storm"),
]


def condition(code):
    for codes, word, icon in CONDITIONS:
        if code in codes:
            return word, icon
    return "?", "cloud"


class Weather(Plugin):
    current = None  # (temperature, unit, code, wind, wind unit), replaced whole so render never sees half

    def update(self, ctx):
        c = self.config
        query = urllib.parse.urlencode({
            "latitude": c.get("latitude", 52.52), "longitude": c.get("longitude", 13.41),
            "current": "temperature_2m,weather_code,wind_speed_10m",
            "temperature_unit": c.get("units", "celsius"), "timezone": "auto"})
        url = c.get("apiUrl", "https://api.open-meteo.com/v1/forecast") + "?" + query
        with urllib.request.urlopen(url, timeout=max(1.0, ctx.remaining() - 0.5)) as response:
            data = json.load(response)
        now, units = data["current"], data.get("current_units", {})
        self.current = (float(now["temperature_2m"]), units.get("temperature_2m", "°C"),
                        int(now["weather_code"]), float(now.get("wind_speed_10m", 0.0)),
                        units.get("wind_speed_10m", "km/h"))
        self.log.info("%.1f%s, code %d", self.current[0], self.current[1], self.current[2])

    def render(self, canvas, ctx):
        if self.current is None:
            canvas.text(1, 1, "WEATHER...", "#808080")
            return
        temp, unit, code, wind, wind_unit = self.current
        word, icon = condition(code)
        size = min(canvas.height, 32)
        draw_icon(canvas, icon, 0, 0, size)
        x = size + 2
        canvas.text(x, 1, "%d%s" % (round(temp), unit), "#ffffff", scale=2)
        canvas.text(x, 13, word, "#80c0ff")
        label = self.config.get("label") or ("WIND %d %s" % (round(wind), wind_unit))
        canvas.text(x, 20, label, "#a0a0a0")


def draw_icon(canvas, icon, x, y, size):
    try:
        from PIL import ImageDraw
    except ImportError:
        ImageDraw = None
    s = size
    if ImageDraw is not None:
        d = ImageDraw.Draw(canvas.image())
        if icon in ("sun", "sun-cloud"):
            d.ellipse((x + s * 0.15, y + s * 0.15, x + s * 0.65, y + s * 0.65), fill=(255, 200, 0))
        if icon != "sun":
            d.ellipse((x + s * 0.2, y + s * 0.35, x + s * 0.9, y + s * 0.75), fill=(170, 170, 180))
        if icon in ("rain", "storm"):
            for i in range(3):
                d.line((x + s * (0.3 + 0.2 * i), y + s * 0.8, x + s * (0.25 + 0.2 * i), y + s * 0.95),
                       fill=(80, 140, 255))
        if icon == "snow":
            for i in range(3):
                d.point((x + s * (0.3 + 0.2 * i), y + s * 0.88), fill=(255, 255, 255))
        return
    if icon in ("sun", "sun-cloud"):
        canvas.rect(x + s // 5, y + s // 5, s // 2, s // 2, (255, 200, 0))
    if icon != "sun":
        canvas.rect(x + s // 5, y + s * 2 // 5, s * 3 // 5, s // 4, (170, 170, 180))
    if icon in ("rain", "storm", "snow"):
        color = (255, 255, 255) if icon == "snow" else (80, 140, 255)
        for i in range(3):
            canvas.set(x + s // 4 + i * s // 5, y + s * 7 // 8, color)


if __name__ == "__main__":
    run(Weather)
