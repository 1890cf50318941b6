"""Turns SageMaker /invocations bodies into Triton generate requests for the TensorRT-LLM (LLM API) model.

nginx sends POST /invocations here; this posts to Triton's /v2/models/model/generate on loopback.

Accepted bodies (JSON):
- TGI-style: {"inputs": "...", "parameters": {"max_new_tokens": 64, "temperature": 0.2, ...}}.
  max_new_tokens is the engine's max_tokens, stop_sequences its stop, do_sample=false means
  temperature 0, return_full_text=true puts the prompt before the answer.
- Simple: {"prompt": "...", "max_tokens": 64, "temperature": 0.2, ...}, the settings by the
  engine's own names.
Answer: {"generated_text": "..."}, or a list of them when "inputs" is a list of prompts.
Errors are {"error": "..."}: 400 for a body it cannot read, Triton's own status otherwise.
"""

import json
import os
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GENERATE_ROUTE = "/v2/models/model/generate"
TIMEOUT_SECONDS = 600
# How the backend's generate request carries the settings (see the project's README).
STYLE = "inputs"
FIELD = "sampling_param_"
FIXED = json.loads("{\"streaming\":false,\"sampling_param_exclude_input_from_output\":true}")
SETTINGS = json.loads("{\"max_tokens\":{\"type\":\"INT32\"},\"temperature\":{\"type\":\"FP32\"},\"top_p\":{\"type\":\"FP32\"},\"top_k\":{\"type\":\"INT32\"},\"seed\":{\"type\":\"UINT64\"},\"frequency_penalty\":{\"type\":\"FP32\"},\"presence_penalty\":{\"type\":\"FP32\"},\"stop\":{\"type\":\"STRING\",\"list\":true}}")
# TGI parameter -> the engine's setting.
RENAMED = {"max_new_tokens": "max_tokens", "stop_sequences": "stop"}
INTEGER_TYPES = {"INT32", "UINT64"}
# Prompts of one request generated at once: the engine batches them itself.
MAX_PARALLEL = 8


class BadRequest(ValueError):
    pass


def checked(name: str, value):
    """The value of setting `name` when it has the setting's type; BadRequest otherwise."""
    spec = SETTINGS[name]
    if spec.get("list"):
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise BadRequest(f'"{name}" must be a string or a list of strings')
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadRequest(f'"{name}" must be a number, not {json.dumps(value)}')
    if spec["type"] in INTEGER_TYPES:
        if value != int(value):
            raise BadRequest(f'"{name}" must be a whole number, not {value}')
        return int(value)
    return value


def settings_of(given: dict, tgi: bool) -> dict:
    """The engine settings named in `given` (TGI names renamed); other keys are left out."""
    settings = {}
    for key, value in given.items():
        name = RENAMED.get(key, key) if tgi else key
        if name in SETTINGS and value is not None:
            settings[name] = checked(name, value)
    if tgi and given.get("do_sample") is False:
        settings["temperature"] = 0
    return settings


def parse(body) -> tuple:
    """(prompts, settings, full_text, as_list) from an /invocations body."""
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object with \"inputs\" or \"prompt\"")
    if "inputs" in body:
        inputs = body["inputs"]
        parameters = body.get("parameters") or {}
        if not isinstance(parameters, dict):
            raise BadRequest('"parameters" must be an object')
        if parameters.get("stream") or body.get("stream"):
            raise BadRequest("streaming is not supported through /invocations")
        as_list = isinstance(inputs, list)
        prompts = inputs if as_list else [inputs]
        full_text = parameters.get("return_full_text") is True
        settings = settings_of(parameters, tgi=True)
    elif "prompt" in body:
        as_list = False
        prompts = [body["prompt"]]
        full_text = False
        settings = settings_of({k: v for k, v in body.items() if k != "prompt"}, tgi=False)
    elif "messages" in body:
        raise BadRequest('chat "messages" are not supported: send "inputs" with the prompt as text')
    else:
        raise BadRequest('expected "inputs" (TGI-style) or "prompt"')
    if not prompts or not all(isinstance(prompt, str) and prompt for prompt in prompts):
        raise BadRequest('"inputs" must be a non-empty string or a list of them')
    return prompts, settings, full_text, as_list


def generate_request(prompt: str, settings: dict) -> dict:
    request = {"text_input": prompt, **FIXED}
    if STYLE == "sampling-json":
        if settings:
            request[FIELD] = json.dumps(settings)
    else:
        request.update({FIELD + name: value for name, value in settings.items()})
    return request


def text_of(answer: dict) -> str:
    output = answer["text_output"]
    return "".join(output) if isinstance(output, list) else str(output)


def call_triton(request: dict) -> tuple:
    """(status, answer object) from Triton's generate route."""
    call = urllib.request.Request(
        os.environ["MCC_TRITON_URL"] + GENERATE_ROUTE,
        data=json.dumps(request).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(call, timeout=TIMEOUT_SECONDS) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        try:
            message = json.loads(error.read()).get("error", error.reason)
        except ValueError:
            message = str(error.reason)
        return error.code, {"error": f"Triton: {message}"}
    except (urllib.error.URLError, OSError) as error:
        return 503, {"error": f"Triton is not answering: {error}"}
    except ValueError as error:
        return 502, {"error": f"Triton's answer is not JSON: {error}"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_args) -> None:  # nginx logs requests (MCC_ACCESS_LOG=1)
        pass

    def reply(self, status: int, payload) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        if self.path.split("?")[0] != "/invocations":
            self.reply(404, {"error": "only POST /invocations is answered here"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        try:
            prompts, settings, full_text, as_list = parse(json.loads(self.rfile.read(length) or b"null"))
        except (ValueError, KeyError) as error:
            self.reply(400, {"error": f"malformed request: {error}"})
            return
        requests = [generate_request(prompt, settings) for prompt in prompts]
        with ThreadPoolExecutor(max_workers=min(MAX_PARALLEL, len(requests))) as pool:
            results = list(pool.map(call_triton, requests))
        failed = next(((status, answer) for status, answer in results if status != 200), None)
        if failed:
            self.reply(*failed)
            return
        try:
            texts = [text_of(answer) for _, answer in results]
        except (KeyError, TypeError) as error:
            self.reply(502, {"error": f"Triton's answer has no text_output: {error}"})
            return
        if full_text:
            texts = [prompt + text for prompt, text in zip(prompts, texts)]
        generated = [{"generated_text": text} for text in texts]
        self.reply(200, generated if as_list else generated[0])


def main() -> int:
    port = int(os.environ["MCC_ADAPTER_PORT"])
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print(f"adapter: on 127.0.0.1:{port}", file=sys.stderr, flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
