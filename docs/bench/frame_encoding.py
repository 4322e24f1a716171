"""Plugin-side cost of the two frame encodings considered for the process plugin protocol (docs/benchmarks.md)."""
import base64, json, timeit, os
for n in (128*32*3, 128*64*3):
    frame = os.urandom(n)
    raw = timeit.timeit(lambda: (json.dumps({"type":"frame","seq":1,"length":len(frame)}).encode()+b"\n", frame), number=20000)/20000
    b64 = timeit.timeit(lambda: (json.dumps({"type":"frame","seq":1,"rgb":base64.b64encode(frame).decode()})+"\n").encode(), number=20000)/20000
    print("plugin encode of a %d-byte frame: header + raw %.1f us, base64 in JSON %.1f us" % (n, raw*1e6, b64*1e6))
