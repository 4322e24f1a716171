import time
from ledmatrix_plugin import Plugin, run


class Hello(Plugin):
    stamp = "--:--"

    def update(self, ctx):
        self.stamp = time.strftime("%H:%M:%S")

    def render(self, canvas, ctx):
        text = "%s %s" % (self.config.get("message", "Hello"), self.stamp)
        x = canvas.width - int(ctx.elapsed * 20) % (canvas.width + canvas.text_width(text))
        canvas.text(x, canvas.height // 2 - 5, text, self.config.get("color", "#ffcc00"), scale=2)


run(Hello)
