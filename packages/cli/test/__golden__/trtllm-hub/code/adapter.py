"""Translates SageMaker /invocations bodies for TensorRT-LLM's OpenAI routes (nginx sends them here).

- TGI-style {"inputs": "...", "parameters": {...}} goes to /v1/completions; the answer is
  [{"generated_text": "..."}], one item per input, as Hugging Face's LLM containers answer.
- OpenAI bodies pass through: {"messages": [...]} to /v1/chat/completions, {"prompt": ...} to
  /v1/completions; `model` defaults to the served model.
Errors are {"error": "..."}: 400 for a body it cannot read, the engine's own status otherwise.
"""

import json
import os
import sys
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COMPLETIONS_ROUTE = "/v1/completions"
CHAT_ROUTE = "/v1/chat/completions"
# code/serve passes the name the engine serves the model under.
SERVED_MODEL_NAME = os.environ.get("MCC_SERVED_MODEL") or "Qwen/Qwen2.5-0.5B-Instruct"
TIMEOUT_SECONDS = 600
# TGI parameter -> OpenAI completions field.
RENAMED = {"max_new_tokens": "max_tokens", "stop_sequences": "stop"}
PASSED = {"temperature", "top_p", "top_k", "seed", "stop", "repetition_penalty", "frequency_penalty", "presence_penalty", "n"}


class BadRequest(ValueError):
    pass


def completion_request(body: dict) -> dict:
    """An OpenAI completions request for a TGI-style body."""
    inputs = body["inputs"]
    if isinstance(inputs, str):
        prompts = [inputs]
    elif isinstance(inputs, list) and inputs and all(isinstance(item, str) for item in inputs):
        prompts = inputs
    else:
        raise BadRequest('"inputs" must be a string or a list of strings')
    parameters = body.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise BadRequest('"parameters" must be an object')
    request = {"model": SERVED_MODEL_NAME, "prompt": prompts if len(prompts) > 1 else prompts[0]}
    for name, value in parameters.items():
        if name in RENAMED:
            request[RENAMED[name]] = value
        elif name in PASSED:
            request[name] = value
    if parameters.get("do_sample") is False:
        request["temperature"] = 0
    return request


def generated(answer: dict, prompts: list, full_text: bool) -> list:
    """[{"generated_text": ...}] from an OpenAI completions answer, in the order of the inputs."""
    choices = sorted(answer.get("choices", []), key=lambda choice: choice.get("index", 0))
    texts = [choice.get("text", "") for choice in choices]
    if full_text:
        per_prompt = max(1, len(texts) // max(1, len(prompts)))
        texts = [prompts[i // per_prompt] + text for i, text in enumerate(texts)]
    return [{"generated_text": text} for text in texts]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_args) -> None:  # nginx logs requests (MCC_ACCESS_LOG=1)
        pass

    def reply(self, status: int, payload: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def error(self, status: int, message: str) -> None:
        self.reply(status, json.dumps({"error": message}).encode())

    def do_POST(self) -> None:
        if self.path.split("?")[0] != "/invocations":
            self.error(404, "only POST /invocations is answered here")
            return
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"null")
            if not isinstance(body, dict):
                raise BadRequest("the body must be a JSON object with inputs, prompt or messages")
            if "inputs" in body:
                if body.get("stream"):
                    raise BadRequest("streaming TGI-style requests is not supported; send an OpenAI body with stream")
                route, request = COMPLETIONS_ROUTE, completion_request(body)
            elif "messages" in body:
                route, request = CHAT_ROUTE, {"model": SERVED_MODEL_NAME, **body}
            elif "prompt" in body:
                route, request = COMPLETIONS_ROUTE, {"model": SERVED_MODEL_NAME, **body}
            else:
                raise BadRequest('expected "inputs" (TGI), "messages" (OpenAI chat) or "prompt" (OpenAI completions)')
        except (ValueError, KeyError) as error:
            self.error(400, f"malformed request: {error}")
            return
        status, answer, content_type = self.forward(route, request)
        if "inputs" in body and status == 200:
            prompts = request["prompt"] if isinstance(request["prompt"], list) else [request["prompt"]]
            full_text = bool((body.get("parameters") or {}).get("return_full_text"))
            try:
                answer = json.dumps(generated(json.loads(answer), prompts, full_text)).encode()
            except (ValueError, AttributeError, TypeError) as error:
                self.error(502, f"the engine's answer is not an OpenAI completion: {error}")
                return
            content_type = "application/json"
        self.reply(status, answer, content_type)

    def forward(self, route: str, request: dict):
        engine = os.environ["MCC_ENGINE_URL"]
        call = urllib.request.Request(
            engine + route,
            data=json.dumps(request).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(call, timeout=TIMEOUT_SECONDS) as answer:
                return answer.status, answer.read(), answer.headers.get("Content-Type", "application/json")
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers.get("Content-Type", "application/json")
        except (urllib.error.URLError, OSError) as error:
            return 503, json.dumps({"error": f"the engine is not answering: {error}"}).encode(), "application/json"


def main() -> int:
    port = int(os.environ["MCC_ADAPTER_PORT"])
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print(f"adapter: on 127.0.0.1:{port}", file=sys.stderr, flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
