"""The Flask app code/gevent_server.py serves: SageMaker's /ping and /invocations over code/model_handler.py."""

import json

from flask import Flask, Response, request

from batching import ThreadBatcher
from model_handler import MAX_BODY_BYTES, ModelHandler, report_loaded
from payloads import PayloadTooLarge, Reply, error_reply

# Loaded at import, once per worker process, before the worker accepts a request.
handler = ModelHandler().load()
report_loaded()
# One process holds many requests at once (gevent); requests that arrive together share one
# prediction call.
batcher = ThreadBatcher(handler.predict_many)
app = Flask(__name__)


def respond(status: int, body: bytes, content_type: str) -> Response:
    return Response(body, status=status, content_type=content_type)


# Behind code/serve, nginx answers /ping itself (so a ping never queues behind predictions); this one
# serves direct use of the app and never touches the model.
@app.get("/ping")
def ping() -> Response:
    healthy = handler.loaded
    return respond(200 if healthy else 503, json.dumps({"loaded": healthy}).encode(), "application/json")


@app.post("/invocations")
def invocations() -> Response:
    length = request.content_length
    if length is not None and length > MAX_BODY_BYTES:
        return respond(*error_reply(PayloadTooLarge.status, f"the body has {length} bytes; the limit is {MAX_BODY_BYTES}"))
    job = handler.prepare(request.get_data(cache=False), request.headers.get("Content-Type"), request.headers.get("Accept"))
    if isinstance(job, Reply):
        return respond(*job)
    return respond(*handler.finish(job, batcher.predict(job.batch)))
