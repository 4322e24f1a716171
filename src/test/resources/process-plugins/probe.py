"""A test plugin that misbehaves as its config says: "update" and "render" name what to do; with "once" (a file
path) it does it only the first time and behaves afterwards."""
import os
import signal
import sys
import time

from ledmatrix_plugin import Plugin, run


class Probe(Plugin):
    updates = 0

    def act(self, what):
        once = self.config.get("once")
        if once:
            if os.path.exists(once):
                return "ok"
            open(once, "w").close()
        return what

    def update(self, ctx):
        what = self.act(self.config.get("update", "ok"))
        self.updates += 1
        if "secret" in self.config:
            print("WARNING using secret %s now" % self.config["secret"])
        if what == "raise":
            raise ValueError("probe failed on purpose")
        if what == "hang":
            time.sleep(3600)  # blocked in C: a cancel cannot stop it
        if what == "spin":
            while True:  # pure Python: the SDK's cancel stops it
                pass
        if what == "exit":
            os._exit(3)
        if what == "signal":
            os.kill(os.getpid(), signal.SIGKILL)
        if what == "memory":
            hog = bytearray(1024 * 1024 * 1024)
            hog[0] = 1
        if what == "garbage":
            self._session.out.write(b"this is not json\n")
            self._session.out.flush()
            time.sleep(5)
        if what == "close":
            self._session.out.close()
            time.sleep(5)
        if what == "daemon":
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    time.sleep(3600)
                os._exit(0)
            os.wait()
        if what == "group-child":
            if os.fork() == 0:
                time.sleep(3600)

    def has_live_content(self):
        return bool(self.config.get("live")) and self.updates > 0

    def is_cycle_complete(self):
        return self.config.get("cycle", True)

    def render(self, canvas, ctx):
        what = self.config.get("render", "ok")
        if what == "hang":
            time.sleep(3600)
        if what == "raise":
            raise RuntimeError("render failed on purpose")
        canvas.fill((0, 128, 255))
        canvas.set(0, 0, (self.updates % 256, 0, 0))


run(Probe)
