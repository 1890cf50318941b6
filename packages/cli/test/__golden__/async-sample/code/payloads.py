"""Request bodies to a 2-D batch, and predictions to a reply body: every format in one place.

Nothing here knows the model or the web framework, so tests/test_parsing.py exercises it directly.

Inputs (Content-Type):
  text/csv                 one row per line; a first row without numbers above one with numbers is a
                           header and names the columns; an empty cell is a missing value (nan)
  application/json         {"instances": [[...], ...]}, {"instances": [{"name": value, ...}, ...]},
                           {"inputs": [[...], ...]}, {"inputs": {"name": [values...], ...}}, or a bare
                           list of rows; null is a missing value
  application/x-npy        the bytes numpy.save writes: a 2-D array (or 1-D: one row); never pickles

The batch is float64 when every cell is a number, else dtype object (numbers as float, other cells
as str). Columns are named when the request named them (CSV header, JSON objects), else None.

Outputs (Accept): application/json (the default, also for */* and application/*) as
{"predictions": [...]}, or text/csv with one prediction per line (a row of values for multi-output
models). Any other Accept is answered 406 naming the types this server writes.
"""

import csv
import io
import json
import math
from typing import Any, List, NamedTuple, Optional

import numpy as np

CSV_TYPE = "text/csv"
JSON_TYPE = "application/json"
NPY_TYPE = "application/x-npy"
INPUT_TYPES = (CSV_TYPE, JSON_TYPE, NPY_TYPE)
OUTPUT_TYPES = (JSON_TYPE, CSV_TYPE)
# Accept ranges that select each output type; the first listed with the highest q wins.
ACCEPT_RANGES = {JSON_TYPE: JSON_TYPE, "application/*": JSON_TYPE, "*/*": JSON_TYPE, CSV_TYPE: CSV_TYPE, "text/*": CSV_TYPE}


class RequestError(Exception):
    """A problem with the request itself, answered with `status` and the message."""

    status = 400


class UnsupportedMediaType(RequestError):
    status = 415


class NotAcceptable(RequestError):
    status = 406


class PayloadTooLarge(RequestError):
    status = 413


class Batch(NamedTuple):
    """What the framework's predict receives: the 2-D array and the column names, if sent."""

    rows: np.ndarray
    columns: Optional[List[str]]


class Reply(NamedTuple):
    status: int
    body: bytes
    content_type: str


def media_type(header: Optional[str]) -> str:
    """`text/csv; charset=utf-8` -> `text/csv`."""
    return (header or "").split(";", 1)[0].strip().lower()


def decode(body: bytes) -> str:
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RequestError(f"the body is not UTF-8 text ({error.reason} at byte {error.start})") from None


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


def to_batch(rows: list, columns: Optional[List[str]] = None) -> Batch:
    """Rows of floats and strings, all the same width, to the 2-D array the framework gets."""
    width = len(rows[0])
    if width == 0:
        raise RequestError("row 1 has no values")
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            raise RequestError(f"row {number} has {len(row)} values but row 1 has {width}; rows must be the same width")
    numeric = all(type(value) is float for row in rows for value in row)
    return Batch(np.array(rows, dtype=np.float64 if numeric else object), columns)


def csv_row(row: list) -> list:
    try:
        return [float(cell) for cell in row]  # the common case, all numbers: one pass
    except ValueError:
        return [parse_cell(cell) for cell in row]


def parse_csv(body: bytes) -> Batch:
    try:
        rows = [row for row in csv.reader(io.StringIO(decode(body))) if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise RequestError(f"the body is not valid CSV: {error}") from None
    columns = None
    if len(rows) > 1 and not has_number(rows[0]) and has_number(rows[1]):
        columns = [cell.strip() for cell in rows[0]]
        rows = rows[1:]
    if not rows:
        raise RequestError("the CSV body has no rows; send one row of feature values per line")
    if columns is not None and len(columns) != len(rows[0]):
        raise RequestError(f"the header names {len(columns)} columns but row 1 has {len(rows[0])} values")
    return to_batch([csv_row(row) for row in rows], columns)


def json_value(value: Any, row: int, column: Any) -> Any:
    if value is None:
        return math.nan
    if isinstance(value, (bool, int, float)):
        return float(value)
    if isinstance(value, str):
        return value
    raise RequestError(
        f"instance {row}, value {column} is a {type(value).__name__}; values must be numbers, strings or null"
    )


def json_rows(instances: list) -> Batch:
    """A list of rows, each a list of values or an object of named values (the same names in each)."""
    if all(isinstance(instance, dict) for instance in instances):
        columns = list(instances[0])
        for number, instance in enumerate(instances, start=1):
            if list(instance) != columns:
                raise RequestError(f"instance {number} names {list(instance)} but instance 1 names {columns}")
        rows = [[json_value(v, n, k) for k, v in instance.items()] for n, instance in enumerate(instances, start=1)]
        return to_batch(rows, [str(name) for name in columns])
    rows = []
    for number, instance in enumerate(instances, start=1):
        if not isinstance(instance, list):
            raise RequestError(f"instance {number} is not a list of feature values")
        rows.append([json_value(value, number, column) for column, value in enumerate(instance, start=1)])
    return to_batch(rows)


def json_columns(inputs: dict) -> Batch:
    """{"name": [value per row, ...], ...}: named columns of equal length."""
    columns = [str(name) for name in inputs]
    values = list(inputs.values())
    if not all(isinstance(column, list) for column in values):
        raise RequestError('"inputs" as an object must map each column name to a list of values')
    lengths = {len(column) for column in values}
    if len(lengths) != 1 or 0 in lengths:
        raise RequestError('the columns of "inputs" must be non-empty lists of the same length')
    rows = [[json_value(value, n, columns[c]) for c, value in enumerate(row)] for n, row in enumerate(zip(*values), start=1)]
    return to_batch(rows, columns)


def parse_json(body: bytes) -> Batch:
    try:
        document = json.loads(decode(body))
    except ValueError as error:
        raise RequestError(f"the body is not valid JSON: {error}") from None
    if not isinstance(document, dict):
        data = document  # a bare list of rows
    elif "instances" in document:
        data = document["instances"]
    else:
        data = document.get("inputs")
        if isinstance(data, dict):
            if not data:
                raise RequestError('"inputs" names no columns')
            return json_columns(data)
    if not isinstance(data, list) or not data:
        raise RequestError('expected {"instances": [[feature, ...], ...]} or {"inputs": ...} with at least one row')
    return json_rows(data)


def parse_npy(body: bytes) -> Batch:
    try:
        # allow_pickle=False: an object array would run code from the request while loading.
        array = np.load(io.BytesIO(body), allow_pickle=False)
    except Exception as error:  # numpy raises ValueError, OSError or EOFError for a bad body
        raise RequestError(f"the body is not a .npy array (numpy.save): {error}") from None
    if array.ndim == 1:
        array = array.reshape(1, -1)
    if array.ndim != 2 or array.size == 0:
        raise RequestError(f"the .npy array has shape {array.shape}; send a non-empty 2-D array of rows")
    if array.dtype.kind in "biuf":
        return Batch(array.astype(np.float64, copy=False), None)
    if array.dtype.kind == "U":
        return to_batch([[parse_cell(cell) for cell in row] for row in array.tolist()])
    raise RequestError(f"the .npy array holds {array.dtype}; send numbers or strings")


PARSERS = {CSV_TYPE: parse_csv, JSON_TYPE: parse_json, NPY_TYPE: parse_npy}


def parse(body: bytes, content_type: Optional[str]) -> Batch:
    """The request body as a batch; raises RequestError (400, 415) naming what is wrong."""
    kind = media_type(content_type)
    parser = PARSERS.get(kind)
    if parser is None:
        raise UnsupportedMediaType(f"content type {kind or '(none)'!r} is not supported; send {', '.join(INPUT_TYPES)}")
    return parser(body)


def quality(part: str) -> float:
    for parameter in part.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def output_type(accept: Optional[str]) -> str:
    """The reply's type for an Accept header: JSON when absent; raises NotAcceptable when none fits."""
    if not (accept or "").strip():
        return JSON_TYPE
    best, best_q = None, 0.0
    for part in accept.split(","):
        chosen = ACCEPT_RANGES.get(media_type(part))
        q = quality(part)
        if chosen and q > best_q:
            best, best_q = chosen, q
    if best is None:
        raise NotAcceptable(f"cannot answer in {accept.strip()!r}; this server writes {' or '.join(OUTPUT_TYPES)}")
    return best


def plain(value: Any) -> Any:
    """nan and infinity (not valid JSON) to null; nested lists kept."""
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def as_list(predictions: Any) -> list:
    """The framework's output (array or list) as Python values, one item per row."""
    if isinstance(predictions, np.ndarray):
        return predictions.tolist()
    return [item.tolist() if isinstance(item, (np.ndarray, np.generic)) else item for item in predictions]


def encode(predictions: Any, kind: str) -> Reply:
    values = as_list(predictions)
    if kind == CSV_TYPE:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for value in values:
            writer.writerow(value if isinstance(value, list) else [value])
        return Reply(200, out.getvalue().encode(), CSV_TYPE)
    # Skips the per-value walk for the usual all-finite numeric array.
    numeric = isinstance(predictions, np.ndarray) and predictions.dtype.kind in "biuf"
    cleaned = values if numeric and bool(np.isfinite(predictions).all()) else plain(values)
    return Reply(200, json.dumps({"predictions": cleaned}, default=str).encode(), JSON_TYPE)


def error_reply(status: int, message: str) -> Reply:
    return Reply(status, json.dumps({"error": message}).encode(), JSON_TYPE)
