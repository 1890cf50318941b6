"""Baseline model server: behaves like the default serving path of AWS's SageMaker scikit-learn
container, written for this benchmark from that stack's public description (not copied).

What it reproduces (sagemaker-scikit-learn-container on the sagemaker-containers /
sagemaker-inference toolkit, as documented in their READMEs and decoder/encoder modules):
- a Flask app behind gunicorn's gevent workers (bench/baseline/serve.py starts them and nginx);
- the model loaded once in each worker process (joblib, as the container's model_fn does);
- GET /ping answers 200 with an empty body once the model is loaded;
- POST /invocations decodes `text/csv` with numpy's text loader: `np.genfromtxt` on a StringIO of
  the body with delimiter ","; JSON with `np.array(json.loads(body))`; then casts CSV and JSON input
  to float32 (the sklearn container's default input_fn); calls `model.predict`;
- encodes the predictions per Accept (default `application/json`): JSON by `json.dumps` turning
  numpy arrays into lists; CSV by `np.savetxt(..., delimiter=",", fmt="%s")`.

One deviation, which every user of that container needs in their own input_fn: genfromtxt turns a
one-row body into a 1-D array, which scikit-learn's predict rejects, so it is made one row of 2-D.
"""

import io
import json
import os

import flask
import joblib
import numpy as np

CSV = "text/csv"
JSON = "application/json"
DEFAULT_ACCEPT = JSON

model = joblib.load(os.path.join(os.environ["SM_MODEL_DIR"], os.environ["BASELINE_MODEL_FILE"]))
app = flask.Flask(__name__)


def decode(body: bytes, content_type: str) -> np.ndarray:
    text = body.decode("utf-8")
    if content_type == CSV:
        array = np.genfromtxt(io.StringIO(text), delimiter=",")
    elif content_type == JSON:
        array = np.array(json.loads(text))
    else:
        raise LookupError(content_type)
    return np.atleast_2d(array).astype(np.float32)


def to_list(value):
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def encode(predictions: np.ndarray, accept: str) -> str:
    if accept == CSV:
        stream = io.StringIO()
        np.savetxt(stream, predictions, delimiter=",", fmt="%s")
        return stream.getvalue()
    if accept == JSON:
        return json.dumps(predictions, default=to_list)
    raise LookupError(accept)


@app.route("/ping", methods=["GET"])
def ping() -> flask.Response:
    return flask.Response(status=200 if model is not None else 404)


@app.route("/invocations", methods=["POST"])
def invocations() -> flask.Response:
    content_type = (flask.request.content_type or "").split(";")[0].strip()
    accept = flask.request.headers.get("Accept", "")
    if accept in ("", "*/*"):
        accept = DEFAULT_ACCEPT
    try:
        data = decode(flask.request.get_data(), content_type)
    except LookupError:
        return flask.Response(f"unsupported content type {content_type}", status=415)
    except ValueError as error:
        return flask.Response(str(error), status=400)
    predictions = model.predict(data)
    try:
        return flask.Response(encode(predictions, accept), status=200, mimetype=accept)
    except LookupError:
        return flask.Response(f"unsupported accept {accept}", status=406)
