"""Loads the model once and turns request bodies into predictions.

Both HTTP layers (code/app.py) call `ModelHandler.invoke`; nothing here imports Flask or FastAPI,
so tests/ exercise it directly. `invoke` never raises: bad input becomes a 4xx reply, anything
else a 500, and the worker keeps serving.
"""

import csv
import io
import json
import math
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any, NamedTuple, Optional

import joblib
import numpy as np

MODEL_FILE = "model.joblib"
DEFAULT_MODEL_DIR = "/opt/ml/model"
# SageMaker's real-time payload limit; nginx refuses larger bodies first, this guards direct use.
MAX_BODY_BYTES = 6291456
CSV_TYPE = "text/csv"
JSON_TYPE = "application/json"
ACCEPTED_TYPES = (CSV_TYPE, JSON_TYPE)


class Reply(NamedTuple):
    status: int
    body: bytes
    content_type: str


class RequestError(Exception):
    """A problem with the request itself, answered with `status` and the message."""

    status = 400


class UnsupportedMediaType(RequestError):
    status = 415


class PayloadTooLarge(RequestError):
    status = 413


def model_path(model_dir: Optional[str] = None) -> Path:
    return Path(model_dir or os.environ.get("SM_MODEL_DIR") or DEFAULT_MODEL_DIR) / MODEL_FILE


def media_type(header: Optional[str]) -> str:
    """`text/csv; charset=utf-8` -> `text/csv`."""
    return (header or "").split(";", 1)[0].strip().lower()


def as_number(cell: str) -> Optional[float]:
    try:
        return float(cell)
    except ValueError:
        return None


def parse_cell(cell: str) -> Any:
    """Numbers become floats, an empty cell a missing value (nan), anything else stays a string."""
    cell = cell.strip()
    if cell == "":
        return math.nan
    number = as_number(cell)
    return cell if number is None else number


def has_number(row: list) -> bool:
    return any(as_number(cell.strip()) is not None for cell in row)


def is_header(first: list, second: list) -> bool:
    """A first row with no number in it, above a row that has numbers, names the columns."""
    return not has_number(first) and has_number(second)


def decode(body: bytes) -> str:
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RequestError(f"the body is not UTF-8 text ({error.reason} at byte {error.start})") from None


def parse_csv(body: bytes) -> list:
    try:
        rows = [row for row in csv.reader(io.StringIO(decode(body))) if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise RequestError(f"the body is not valid CSV: {error}") from None
    if len(rows) > 1 and is_header(rows[0], rows[1]):
        rows = rows[1:]
    if not rows:
        raise RequestError("the CSV body has no rows; send one row of feature values per line")
    return [[parse_cell(cell) for cell in row] for row in rows]


def parse_value(value: Any, row: int, column: int) -> Any:
    if value is None:
        return math.nan
    if isinstance(value, (bool, int, float)):
        return float(value)
    if isinstance(value, str):
        return value
    raise RequestError(
        f"instance {row}, value {column} is a {type(value).__name__}; values must be numbers, strings or null"
    )


def parse_json(body: bytes) -> list:
    try:
        document = json.loads(decode(body))
    except ValueError as error:
        raise RequestError(f"the body is not valid JSON: {error}") from None
    instances = document.get("instances") if isinstance(document, dict) else document
    if not isinstance(instances, list) or not instances:
        raise RequestError('expected {"instances": [[feature, ...], ...]} with at least one instance')
    rows = []
    for number, instance in enumerate(instances, start=1):
        if not isinstance(instance, list):
            raise RequestError(f"instance {number} is not a list of feature values")
        rows.append([parse_value(value, number, column) for column, value in enumerate(instance, start=1)])
    return rows


def check_widths(rows: list) -> None:
    width = len(rows[0])
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            raise RequestError(f"row {number} has {len(row)} values but row 1 has {width}; rows must be the same width")


def parse(body: bytes, content_type: Optional[str]) -> list:
    kind = media_type(content_type)
    if kind == CSV_TYPE:
        rows = parse_csv(body)
    elif kind == JSON_TYPE:
        rows = parse_json(body)
    else:
        raise UnsupportedMediaType(
            f"content type {kind or '(none)'!r} is not supported; send {' or '.join(ACCEPTED_TYPES)}"
        )
    check_widths(rows)
    return rows


def wants_csv(accept: Optional[str]) -> bool:
    """The first type in Accept that this server can write wins; JSON unless CSV comes first."""
    for part in (accept or "").split(","):
        kind = media_type(part)
        if kind == CSV_TYPE:
            return True
        if kind in (JSON_TYPE, "application/*", "*/*"):
            return False
    return False


def plain(value: Any) -> Any:
    """numpy scalars to Python; nan and infinity (not valid JSON) to null."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def encode(predictions: list, accept: Optional[str]) -> Reply:
    if wants_csv(accept):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for prediction in predictions:
            writer.writerow(prediction if isinstance(prediction, list) else [prediction])
        return Reply(200, out.getvalue().encode(), CSV_TYPE)
    cleaned = [[plain(v) for v in p] if isinstance(p, list) else plain(p) for p in predictions]
    return Reply(200, json.dumps({"predictions": cleaned}, default=str).encode(), JSON_TYPE)


def error_reply(status: int, message: str) -> Reply:
    return Reply(status, json.dumps({"error": message}).encode(), JSON_TYPE)


class ModelHandler:
    def __init__(self, model_dir: Optional[str] = None):
        self.path = model_path(model_dir)
        self.model: Any = None

    @property
    def loaded(self) -> bool:
        return self.model is not None

    def load(self) -> "ModelHandler":
        started = time.monotonic()
        try:
            # joblib.load unpickles: it runs code from the file, so load only models you trust.
            self.model = joblib.load(self.path)
        except Exception as error:
            raise RuntimeError(f"cannot load the model from {self.path}: {type(error).__name__}: {error}") from error
        elapsed = time.monotonic() - started
        print(f"model_handler: loaded {self.path} ({type(self.model).__name__}) in {elapsed:.2f} s", file=sys.stderr, flush=True)
        return self

    def features(self, rows: list) -> Any:
        """One 2-D array for the whole batch; a DataFrame when the model was fitted on named columns."""
        names = getattr(self.model, "feature_names_in_", None)
        if names is not None and len(names) == len(rows[0]):
            try:
                import pandas  # in requirements.txt for local models; the sample does not need it
            except ImportError:
                pass
            else:
                return pandas.DataFrame(rows, columns=list(names))
        numeric = all(isinstance(value, float) for row in rows for value in row)
        return np.array(rows, dtype=float if numeric else object)

    def predict(self, rows: list) -> list:
        try:
            predictions = self.model.predict(self.features(rows))
        except (ValueError, TypeError, KeyError, IndexError) as error:
            raise RequestError(f"the model cannot predict from this input: {error}") from None
        return np.asarray(predictions).tolist()

    def invoke(self, body: bytes, content_type: Optional[str], accept: Optional[str] = None) -> Reply:
        try:
            if not self.loaded:
                return error_reply(503, "the model is not loaded")
            if len(body) > MAX_BODY_BYTES:
                raise PayloadTooLarge(f"the body has {len(body)} bytes; the limit is {MAX_BODY_BYTES}")
            return encode(self.predict(parse(body, content_type)), accept)
        except RequestError as error:
            return error_reply(error.status, str(error))
        except Exception as error:  # never let one request take the worker down
            traceback.print_exc()
            return error_reply(500, f"prediction failed: {type(error).__name__}: {error}")
