"""The FastAPI app uvicorn serves: SageMaker's /ping and /invocations over code/model_handler.py."""

import json

from fastapi import FastAPI, Request, Response
from starlette.concurrency import run_in_threadpool

from model_handler import MAX_BODY_BYTES, ModelHandler, report_loaded
from payloads import PayloadTooLarge, error_reply

# Loaded at import, once per uvicorn process, before the process accepts a request.
handler = ModelHandler().load()
report_loaded()
app = FastAPI(title="model", docs_url=None, redoc_url=None, openapi_url=None)


def respond(status: int, body: bytes, content_type: str) -> Response:
    return Response(content=body, status_code=status, media_type=content_type)


# Behind code/serve, nginx answers /ping itself; this one serves direct use of the app. It runs on
# the event loop and never takes the model's lock, so it answers while a prediction runs.
@app.get("/ping")
async def ping() -> Response:
    healthy = handler.loaded
    return respond(200 if healthy else 503, json.dumps({"loaded": healthy}).encode(), "application/json")


@app.post("/invocations")
async def invocations(request: Request) -> Response:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY_BYTES:
        return respond(*error_reply(PayloadTooLarge.status, f"the body has {length} bytes; the limit is {MAX_BODY_BYTES}"))
    body = await request.body()
    # Prediction is CPU work: off the event loop, so /ping still answers while it runs.
    reply = await run_in_threadpool(
        handler.invoke, body, request.headers.get("content-type"), request.headers.get("accept")
    )
    return respond(*reply)
