"""A stand-in for an LLM engine's server, for tests without GPUs: run as `vllm`, `trtllm-serve` or
`python3 -m sglang.launch_server` by the wrappers harness.ts writes.

- With a `--help...` argument it prints FAKE_ENGINE_FLAGS (space-separated) as help text, like an
  argparse or click help page, and exits 0.
- Otherwise it writes its argv (JSON) to FAKE_ENGINE_ARGV, and to FAKE_ENGINE_ENV (when set) the
  variables of RECORDED_ENV it got ({name: value, or null when unset}), and serves HTTP on --host/--port: /health
  and the OpenAI routes, and /ping and /invocations when FAKE_ENGINE_SAGEMAKER=1. Each answer echoes
  the route and the request body. SIGTERM ends it with code 0.
"""

import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The variables the fake records from its environment (what code/serve gives the engine).
RECORDED_ENV = ("HF_TOKEN", "MCC_HF_TOKEN_SECRET_ARN")


def option(argv, name, default=None):
    for flag in name:
        if flag in argv:
            return argv[argv.index(flag) + 1]
    return default


def print_help(program):
    print(f"usage: {program} [options]\n\noptions:")
    for flag in os.environ.get("FAKE_ENGINE_FLAGS", "").split():
        print(f"  {flag} VALUE      a flag of the fake engine")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_args):
        pass

    def answer(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def sagemaker(self):
        return os.environ.get("FAKE_ENGINE_SAGEMAKER") == "1"

    def do_GET(self):
        if self.path == "/health" or (self.path == "/ping" and self.sagemaker()):
            self.answer(200, {"route": self.path, "healthy": True})
        else:
            self.answer(404, {"error": f"no route {self.path}"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        request = json.loads(self.rfile.read(length) or b"null")
        if self.path == "/v1/completions":
            prompts = request["prompt"] if isinstance(request["prompt"], list) else [request["prompt"]]
            choices = [{"index": i, "text": f" fake answer {i}"} for i in range(len(prompts))]
            self.answer(200, {"route": self.path, "request": request, "choices": choices})
        elif self.path == "/v1/chat/completions" or (self.path == "/invocations" and self.sagemaker()):
            message = {"role": "assistant", "content": "fake answer"}
            self.answer(200, {"route": self.path, "request": request, "choices": [{"index": 0, "message": message}]})
        else:
            self.answer(404, {"error": f"no route {self.path}"})


def main(program, argv):
    if any(arg.startswith("--help") for arg in argv):
        print_help(program)
        return 0
    with open(os.environ["FAKE_ENGINE_ARGV"], "w") as out:
        json.dump([program] + argv, out)
    if os.environ.get("FAKE_ENGINE_ENV"):
        with open(os.environ["FAKE_ENGINE_ENV"], "w") as out:
            json.dump({name: os.environ.get(name) for name in RECORDED_ENV}, out)
    host = option(argv, ["--host"], "127.0.0.1")
    port = int(option(argv, ["--port"], "8000"))
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    print(f"fake {program} listening on {host}:{port}", file=sys.stderr, flush=True)
    server.serve_forever()
    return 0
