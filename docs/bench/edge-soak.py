#!/usr/bin/env python3
"""Soak of the service's edge limits (docs/benchmarks.md, "Edge limits under a soak").

Starts the packaged service with the Pi's JVM flags (java @docker/jvm.options -jar ...), then, over loopback:
  1. measures the API's latency at rest (GET /api/v1/plugins, GET /api/v1/display);
  2. opens SSE viewers on both streams up to ledmatrix.web.max-stream-clients, then a few hundred more on each
     (those must get 503 with Retry-After at once);
  3. fires a burst of concurrent frame.png requests at a large scale (200 or 503, nothing else);
  4. measures the API's latency again while all of that is open;
  5. closes every client and checks that the service holds no connection of theirs afterwards.
Standard library only. Usage: python3 docs/bench/edge-soak.py [--extra 300] [--png 200] [--port 18190]
Needs target/ledmatrix-manager-*.jar (./mvnw -q -DskipTests package) and a JDK 25 (JAVA_HOME or PATH).
"""
import argparse, glob, http.client, json, os, shutil, socket, statistics, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def java():
    home = os.environ.get("JAVA_HOME")
    for candidate in ([os.path.join(home, "bin", "java")] if home else []) + glob.glob("/usr/lib/jvm/*25*/bin/java"):
        if os.path.exists(candidate):
            return candidate
    return shutil.which("java")


def request(port, method, path, headers=None, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    start = time.perf_counter()
    conn.request(method, path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    took = time.perf_counter() - start
    conn.close()
    return response.status, dict(response.getheaders()), body, took


def latency(port, rounds=40):
    samples = []
    for i in range(rounds):
        path = "/api/v1/plugins" if i % 2 == 0 else "/api/v1/display"
        status, _, _, took = request(port, "GET", path)
        assert status == 200, (path, status)
        samples.append(took * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], samples[-1]


def open_stream(port, path):
    """A raw socket that sent a streaming GET; returns (socket, status line)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n" % path).encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(4096)
        if not chunk:
            break
        head += chunk
    status = int(head.split(b" ", 2)[1]) if head else 0
    retry_after = b"retry-after:" in head.lower()
    return s, status, retry_after


def established(port):
    out = subprocess.run(["ss", "-Htn", "state", "established", "( sport = :%d )" % port],
                         capture_output=True, text=True).stdout
    return len([l for l in out.splitlines() if l.strip()])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=18190)
    ap.add_argument("--extra", type=int, default=300, help="viewers beyond the cap, per stream")
    ap.add_argument("--png", type=int, default=200, help="concurrent frame.png requests in the burst")
    ap.add_argument("--scale", type=int, default=16)
    args = ap.parse_args()
    jar = sorted(glob.glob(os.path.join(ROOT, "target", "ledmatrix-manager-*.jar")))
    jar = [j for j in jar if not j.endswith("-plain.jar")]
    if not jar:
        sys.exit("no target/ledmatrix-manager-*.jar: run ./mvnw -q -DskipTests package first")
    data = tempfile.mkdtemp(prefix="edge-soak-")
    log = open(os.path.join(data, "service.log"), "w")
    service = subprocess.Popen([java(), "@" + os.path.join(ROOT, "docker", "jvm.options"), "-jar", jar[-1],
                                "--server.port=%d" % args.port, "--ledmatrix.data-dir=" + os.path.join(data, "data"),
                                "--ledmatrix.plugins-dir=" + os.path.join(data, "plugins")],
                               stdout=log, stderr=subprocess.STDOUT, cwd=data)
    try:
        for _ in range(240):
            try:
                if request(args.port, "GET", "/actuator/health/readiness", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            sys.exit("the service did not become ready; see " + log.name)
        cap = 64
        print("service ready; pid %d, data in %s" % (service.pid, data))
        rest = latency(args.port)
        print("API latency at rest: median %.1f ms, p95 %.1f ms, max %.1f ms" % rest)
        print("connections held before: %d" % established(args.port))

        viewers, refused, odd = [], 0, []
        t0 = time.perf_counter()
        for path in ("/api/v1/display/stream", "/api/v1/events"):
            for i in range(cap + args.extra):
                s, status, retry_after = open_stream(args.port, path)
                if status == 200:
                    viewers.append(s)
                elif status == 503 and retry_after:
                    refused += 1
                    s.close()
                else:
                    odd.append((path, status))
                    s.close()
        opened = time.perf_counter() - t0
        print("viewers: %d open (cap %d per stream), %d refused with 503 + Retry-After, %d other; took %.1f s"
              % (len(viewers), cap, refused, len(odd), opened))
        if odd:
            print("  other answers:", odd[:10])

        results, lock = {"200": 0, "503": 0, "other": []}, threading.Lock()

        def png():
            try:
                status, headers, body, _ = request(args.port, "GET", "/api/v1/display/frame.png?scale=%d" % args.scale,
                                                   timeout=30)
                with lock:
                    if status == 200:
                        results["200"] += 1
                    elif status == 503 and "Retry-After" in headers:
                        results["503"] += 1
                    else:
                        results["other"].append(status)
            except OSError as e:
                with lock:
                    results["other"].append(str(e))

        t0 = time.perf_counter()
        threads = [threading.Thread(target=png) for _ in range(args.png)]
        for t in threads:
            t.start()
        busy = latency(args.port)
        for t in threads:
            t.join()
        print("PNG burst: %d requests at scale %d in %.1f s: %d images, %d refused with 503 + Retry-After, other %s"
              % (args.png, args.scale, time.perf_counter() - t0, results["200"], results["503"], results["other"][:5]))
        print("API latency under load (viewers open, during the PNG burst): median %.1f ms, p95 %.1f ms, max %.1f ms"
              % busy)
        print("connections held with the viewers open: %d" % established(args.port))
        rss = int(open("/proc/%d/status" % service.pid).read().split("VmRSS:")[1].split()[0]) // 1024
        print("service resident memory: %d MB" % rss)

        for s in viewers:
            s.close()
        for _ in range(60):
            if established(args.port) == 0:
                break
            time.sleep(1)
        print("connections held 1 s to 60 s after the clients left: %d" % established(args.port))
        print("API latency after: median %.1f ms, p95 %.1f ms, max %.1f ms" % latency(args.port))
        health = json.loads(request(args.port, "GET", "/actuator/health")[2])
        print("health after: %s" % health.get("status"))
    finally:
        service.terminate()
        service.wait(30)


if __name__ == "__main__":
    main()
