# A loopback JSON source whose behaviour is read from a file on each request: ok | fail | hang
import http.server, json, time, sys, os
MODE = os.environ.get("MODE_FILE", "/tmp/source-mode")
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        mode = open(MODE).read().strip() if os.path.exists(MODE) else 'ok'
        if mode == 'hang':
            time.sleep(3600)
            return
        if mode == 'fail':
            self.send_response(500); self.end_headers(); return
        body = json.dumps({"state": int(time.time()) % 100}).encode()
        self.send_response(200); self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
