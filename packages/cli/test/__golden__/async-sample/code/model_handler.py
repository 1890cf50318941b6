"""Loads the model once and turns request bodies into predictions, for any framework.

Both HTTP layers (code/app.py) go through `prepare` (body to batch), `predict_many` (by way of
code/batching.py, which lets requests that arrive together share one framework call) and `finish`
(predictions to reply); `invoke` does all three for one request. Nothing here imports Flask or
FastAPI, so tests/ exercise it directly. None of them raises: bad input becomes a 4xx reply,
anything else a 500, and the worker keeps serving.

The framework contract: code/framework.py (from the framework's mcc plugin) provides

    MODEL_FILE: str      file (or directory) name under SM_MODEL_DIR
    THREAD_SAFE: bool    False: one prediction at a time per worker process
    MERGE_REQUESTS: bool optional, default True; False when a row's prediction depends on the
                         other rows of the call, so requests are never stacked together
    def load(model_dir: str) -> object
    def predict(model, batch: numpy.ndarray, columns: list[str] | None) -> numpy.ndarray | list

`batch` is 2-D: float64 when every cell is a number, else dtype object (numbers as float, other
cells as str; a missing value is nan). `columns` holds the names the request gave (a CSV header,
JSON objects), else None. `predict` returns one item per row; it raises ValueError, TypeError,
KeyError or IndexError for input the model cannot take (answered 400), anything else is a 500.
Parsing and the reply formats live in code/payloads.py.
"""

import contextlib
import os
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Any, List, NamedTuple, Optional, Union

import numpy as np

import framework
from payloads import (
    Batch,
    PayloadTooLarge,
    Reply,
    RequestError,
    encode,
    error_reply,
    output_type,
    parse,
)

DEFAULT_MODEL_DIR = "/opt/ml/model"
# SageMaker's real-time payload limit; nginx refuses larger bodies first, this guards direct use.
MAX_BODY_BYTES = 1073741824
MODEL_FILE = framework.MODEL_FILE
# Errors a model raises for input it cannot take: the request's fault, not the server's.
INPUT_ERRORS = (ValueError, TypeError, KeyError, IndexError)
# False in code/framework.py: a row's prediction depends on the other rows sent with it, so
# concurrent requests are never stacked into one call.
MERGE_REQUESTS = getattr(framework, "MERGE_REQUESTS", True)
# Rows one stacked call may hold (MCC_MAX_BATCH_ROWS); 1 turns stacking off.
MAX_MERGED_ROWS = max(1, int(os.environ.get("MCC_MAX_BATCH_ROWS") or 512))


class Job(NamedTuple):
    """A parsed request waiting for its predictions: the batch and the reply's content type."""

    batch: Batch
    kind: str


def model_dir(given: Optional[str] = None) -> Path:
    return Path(given or os.environ.get("SM_MODEL_DIR") or DEFAULT_MODEL_DIR)


def report_loaded() -> None:
    """Tells code/serve this process is ready: it answers /ping from nginx once every worker is."""
    runtime = os.environ.get("MCC_RUNTIME_DIR")
    if runtime:
        marker = Path(runtime) / "loaded" / str(os.getpid())
        marker.parent.mkdir(exist_ok=True)
        marker.touch()


class ModelHandler:
    def __init__(self, directory: Optional[str] = None):
        self.dir = model_dir(directory)
        self.path = self.dir / MODEL_FILE
        self.model: Any = None
        # Frameworks whose predict is not thread-safe get one call at a time. /ping never takes it.
        self.lock = contextlib.nullcontext() if framework.THREAD_SAFE else threading.Lock()

    @property
    def loaded(self) -> bool:
        return self.model is not None

    def load(self) -> "ModelHandler":
        started = time.monotonic()
        try:
            self.model = framework.load(str(self.dir))
        except Exception as error:
            raise RuntimeError(f"cannot load the model from {self.path}: {type(error).__name__}: {error}") from error
        elapsed = time.monotonic() - started
        print(f"model_handler: loaded {self.path} ({type(self.model).__name__}) in {elapsed:.2f} s", file=sys.stderr, flush=True)
        return self

    def predict(self, batch: Batch) -> Any:
        """One framework call for the whole batch (vectorised), under the lock if it needs one."""
        try:
            with self.lock:
                return framework.predict(self.model, batch.rows, batch.columns)
        except INPUT_ERRORS as error:
            raise RequestError(f"the model cannot predict from this input: {error}") from None

    def outcome(self, batch: Batch) -> Any:
        """The batch's predictions, or the exception predicting raised (logged unless the input's fault)."""
        try:
            return self.predict(batch)
        except RequestError as error:
            return error
        except Exception as error:
            traceback.print_exc()
            return error

    def predict_many(self, batches: List[Batch], max_rows: int = MAX_MERGED_ROWS) -> List[Any]:
        """Outcomes for several requests' batches, one per batch, in order.

        Batches of the same cell type, width and columns are stacked into one framework call of up
        to `max_rows` rows: predicting 8 rows costs little more than predicting 1, so requests that
        arrive together are answered sooner than one by one. If a stacked call fails, each of its
        batches is predicted alone, so only the request at fault gets the error.
        """
        outcomes: List[Any] = [None] * len(batches)
        for group in merge_groups(batches, max_rows if MERGE_REQUESTS else 1):
            if len(group) == 1:
                outcomes[group[0]] = self.outcome(batches[group[0]])
                continue
            parts = [batches[index] for index in group]
            merged = None
            try:
                merged = self.predict(Batch(np.concatenate([part.rows for part in parts]), parts[0].columns))
                if len(merged) != sum(len(part.rows) for part in parts):
                    merged = None  # not one prediction per row: cannot be split back
            except Exception:
                merged = None
            if merged is None:
                for index in group:
                    outcomes[index] = self.outcome(batches[index])
                continue
            start = 0
            for index, part in zip(group, parts):
                outcomes[index] = merged[start : start + len(part.rows)]
                start += len(part.rows)
        return outcomes

    def prepare(self, body: bytes, content_type: Optional[str], accept: Optional[str] = None) -> Union[Job, Reply]:
        """The request as a batch to predict and the reply's type, or the error reply it gets."""
        try:
            if not self.loaded:
                return error_reply(503, "the model is not loaded")
            if len(body) > MAX_BODY_BYTES:
                raise PayloadTooLarge(f"the body has {len(body)} bytes; the limit is {MAX_BODY_BYTES}")
            kind = output_type(accept)  # before predicting: a 406 costs no model time
            return Job(parse(body, content_type), kind)
        except RequestError as error:
            return error_reply(error.status, str(error))
        except Exception as error:  # never let one request take the worker down
            traceback.print_exc()
            return error_reply(500, f"reading the request failed: {type(error).__name__}: {error}")

    @staticmethod
    def finish(job: Job, outcome: Any) -> Reply:
        """The reply for a job's outcome: its predictions encoded, or the error."""
        if isinstance(outcome, RequestError):
            return error_reply(outcome.status, str(outcome))
        if isinstance(outcome, Exception):
            return error_reply(500, f"prediction failed: {type(outcome).__name__}: {outcome}")
        try:
            return encode(outcome, job.kind)
        except Exception as error:
            traceback.print_exc()
            return error_reply(500, f"encoding the predictions failed: {type(error).__name__}: {error}")

    def invoke(self, body: bytes, content_type: Optional[str], accept: Optional[str] = None) -> Reply:
        """One request, predicted on its own; never raises: bad input is a 4xx reply, the rest a 500."""
        job = self.prepare(body, content_type, accept)
        if isinstance(job, Reply):
            return job
        return self.finish(job, self.outcome(job.batch))


def merge_key(batch: Batch) -> tuple:
    """Batches with equal keys are stacked into one call: the same cell type, width and columns.

    A stacked call answers as if one client had sent all those rows in one request. Numeric and
    text batches are kept apart, so a numeric request never reaches the model as text.
    """
    columns = tuple(batch.columns) if batch.columns is not None else None
    return (batch.rows.dtype.kind, batch.rows.shape[1], columns)


def merge_groups(batches: List[Batch], max_rows: int) -> List[List[int]]:
    """Indexes of `batches` grouped for one call each: equal keys, at most `max_rows` rows a group."""
    groups: List[List[int]] = []
    open_groups: dict = {}  # key -> (group, rows so far)
    for index, batch in enumerate(batches):
        key = merge_key(batch)
        rows = len(batch.rows)
        current = open_groups.get(key)
        if current is not None and current[1] + rows <= max_rows:
            current[0].append(index)
            open_groups[key] = (current[0], current[1] + rows)
            continue
        group = [index]
        groups.append(group)
        open_groups[key] = (group, rows)
    return groups
