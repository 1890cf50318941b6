"""Loads the model once and turns request bodies into predictions, for any framework.

Both HTTP layers (code/app.py) call `ModelHandler.invoke`; nothing here imports Flask or FastAPI,
so tests/ exercise it directly. `invoke` never raises: bad input becomes a 4xx reply, anything
else a 500, and the worker keeps serving.

The framework contract: code/framework.py (from the framework's mcc plugin) provides

    MODEL_FILE: str      file (or directory) name under SM_MODEL_DIR
    THREAD_SAFE: bool    False: one prediction at a time per worker process
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
from typing import Any, Optional

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
MAX_BODY_BYTES = 6291456
MODEL_FILE = framework.MODEL_FILE
# Errors a model raises for input it cannot take: the request's fault, not the server's.
INPUT_ERRORS = (ValueError, TypeError, KeyError, IndexError)


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

    def invoke(self, body: bytes, content_type: Optional[str], accept: Optional[str] = None) -> Reply:
        try:
            if not self.loaded:
                return error_reply(503, "the model is not loaded")
            if len(body) > MAX_BODY_BYTES:
                raise PayloadTooLarge(f"the body has {len(body)} bytes; the limit is {MAX_BODY_BYTES}")
            kind = output_type(accept)  # before predicting: a 406 costs no model time
            return encode(self.predict(parse(body, content_type)), kind)
        except RequestError as error:
            return error_reply(error.status, str(error))
        except Exception as error:  # never let one request take the worker down
            traceback.print_exc()
            return error_reply(500, f"prediction failed: {type(error).__name__}: {error}")
