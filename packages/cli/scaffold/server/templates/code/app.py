"""The SageMaker contract with Python's standard library: GET /ping, POST /invocations.

Replace load() and predict() with your framework's; the HTTP part stays as it is.
"""
import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = int(os.environ.get("MAX_BODY_MB", "6")) * 1024 * 1024


def load(path):
    with open(path, encoding="utf-8") as handle:
        model = json.load(handle)
    return [float(w) for w in model["weights"]], float(model.get("bias", 0))


def predict(model, rows):
    weights, bias = model
    out = []
    for row in rows:
        if len(row) != len(weights):
            raise ValueError(f"a row has {len(row)} values; the model takes {len(weights)}")
        out.append(sum(float(x) * w for x, w in zip(row, weights)) + bias)
    return out


class Handler(BaseHTTPRequestHandler):
    model = None

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/ping":
            self.reply(200 if Handler.model is not None else 503, {})
        else:
            self.reply(404, {"error": "not found"})

    def do_POST(self):
        if self.path != "/invocations":
            self.reply(404, {"error": "not found"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.reply(413, {"error": f"the body is above {MAX_BODY} bytes"})
            return
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            self.reply(415, {"error": "send application/json"})
            return
        try:
            rows = json.loads(self.rfile.read(length))["instances"]
            self.reply(200, {"predictions": predict(Handler.model, rows)})
        except (ValueError, KeyError, TypeError) as error:
            self.reply(400, {"error": str(error)})

    def log_message(self, format, *args):
        sys.stderr.write(format % args + "\n")


def main():
    Handler.model = load(os.environ["MODEL_PATH"])
    host = os.environ.get("MCC_BIND_HOST", "0.0.0.0")
    port = int(os.environ.get("SAGEMAKER_BIND_TO_PORT", "8080"))
    server = ThreadingHTTPServer((host, port), Handler)
    # shutdown() waits for serve_forever() to return, so it must not run on the thread serving:
    # the handler hands it to another thread, and main() returns (exit 0) once the loop has ended.
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
