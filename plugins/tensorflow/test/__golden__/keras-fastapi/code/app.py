"""The FastAPI app uvicorn serves: SageMaker's /ping and /invocations over code/model_handler.py."""

import json

from fastapi import FastAPI, Request, Response

from batching import AsyncBatcher
from model_handler import MAX_BODY_BYTES, ModelHandler, report_loaded
from payloads import PayloadTooLarge, Reply, error_reply

# Loaded at import, once per uvicorn process, before the process accepts a request.
handler = ModelHandler().load()
report_loaded()
# Requests that arrive together share one prediction call.
batcher = AsyncBatcher(handler.predict_many)
app = FastAPI(title="model", docs_url=None, redoc_url=None, openapi_url=None)


def respond(status: int, body: bytes, content_type: str) -> Response:
    return Response(content=body, status_code=status, media_type=content_type)


# Behind code/serve, nginx answers /ping itself, so it never waits on a busy worker; this one
# serves direct use of the app (it waits while this process predicts).
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
    job = handler.prepare(body, request.headers.get("content-type"), request.headers.get("accept"))
    if isinstance(job, Reply):
        return respond(*job)
    # Predicted on the event loop: each uvicorn process is one worker (code/serve runs one per CPU
    # behind nginx, which answers /ping itself), so a thread pool would only let requests pile up
    # inside a process and contend for the GIL; measured, it cost CPU per request and tail latency.
    return respond(*handler.finish(job, await batcher.predict(job.batch)))
