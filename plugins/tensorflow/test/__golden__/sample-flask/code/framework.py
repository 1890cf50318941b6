"""TensorFlow's part of the request handler: load the model once per worker, predict one batch.

The shared handler parses requests into a 2-D numpy batch and calls `load` and `predict`; nothing
here knows about HTTP, so tests/ call it directly. The model takes one 2-D float input
(rows x features) and its first output is the answer.
"""

import json
import os
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import numpy as np
import tensorflow as tf

MODEL_FILE = "model.keras"
MODEL_FORMAT = "keras"
# Written by sample/train.py next to the model: raw columns and their one-hot categories.
PREPROCESS_FILE = "preprocess.json"
PREPROCESS_SCHEMA = "mcc-tensorflow-preprocess/1"
# A loaded model's call is thread-safe, so the worker's threads share one copy of it; each call
# runs on the intra-op threads set below, out of the CPUs `serve` leaves to this worker.
THREAD_SAFE = True
SIGNATURE = "serving_default"


def threads_from_env() -> int:
    try:
        return max(int(os.environ.get("OMP_NUM_THREADS") or ""), 0)
    except ValueError:
        return 0


def limit_threads() -> None:
    """TensorFlow's pools sized to this worker's CPUs; must run before the runtime starts."""
    threads = threads_from_env()
    if not threads:
        return
    try:
        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(threads)
    except RuntimeError:
        pass  # the runtime already started (a second load in one process): keep its pools


def width_of(shape: Any) -> Optional[int]:
    """Features per row of a (rows, features) input shape, None when unknown."""
    dims = list(shape) if shape is not None else []
    if len(dims) != 2:
        return None
    last = dims[1]
    return int(last) if last is not None else None


class Encoder:
    """Raw rows (`M,0.455,...`) to the model's float32 features, as sample/train.py encoded them."""

    def __init__(self, spec: Dict[str, Any], path: Path):
        if spec.get("schema") != PREPROCESS_SCHEMA:
            raise ValueError(f"{path}: expected schema {PREPROCESS_SCHEMA}, found {spec.get('schema')!r}")
        self.columns: List[str] = [str(name) for name in spec["columns"]]
        self.categories: Dict[str, List[str]] = {k: [str(v) for v in vs] for k, vs in spec.get("one_hot", {}).items()}
        stray = sorted(set(self.categories) - set(self.columns))
        if stray:
            raise ValueError(f"{path}: one_hot names unknown column(s) {', '.join(stray)}")

    def select(self, batch: np.ndarray, columns: Optional[List[str]]) -> np.ndarray:
        if columns is not None:
            absent = [name for name in self.columns if name not in columns]
            if absent:
                raise ValueError(f"the header lacks {', '.join(absent)}; the model reads {', '.join(self.columns)}")
            return batch[:, [columns.index(name) for name in self.columns]]
        if batch.shape[1] != len(self.columns):
            raise ValueError(f"expected {len(self.columns)} values per row ({', '.join(self.columns)}), got {batch.shape[1]}")
        return batch

    def encode(self, batch: np.ndarray, columns: Optional[List[str]]) -> np.ndarray:
        raw = self.select(batch, columns)
        parts = []
        for index, name in enumerate(self.columns):
            cells = raw[:, index]
            if name in self.categories:
                # One indicator per category; an unknown category is all zeros, as in training.
                text = cells.astype(object).astype(str)
                parts.append(np.stack([text == value for value in self.categories[name]], axis=1))
                continue
            try:
                parts.append(cells.astype(np.float32)[:, None])
            except (TypeError, ValueError) as error:
                raise ValueError(f"column {name} must be numeric: {error}") from None
        return np.concatenate(parts, axis=1).astype(np.float32)


class Model:
    def __init__(self, call: Callable[[np.ndarray], Any], width: Optional[int], encoder: Optional[Encoder]):
        self.call = call
        self.width = width
        self.encoder = encoder


def keras_model(path: Path) -> Model:
    model = tf.keras.models.load_model(str(path), compile=False)
    inputs = getattr(model, "inputs", None) or []
    width = width_of(inputs[0].shape) if len(inputs) == 1 else None
    # A direct call, not model.predict: no per-call dataset, thread-safe, fast on small batches.
    return Model(lambda features: model(tf.constant(features), training=False), width, None)


def saved_model(path: Path) -> Model:
    loaded = tf.saved_model.load(str(path))
    if SIGNATURE not in loaded.signatures:
        raise ValueError(f"{path} has no {SIGNATURE} signature; it has {', '.join(loaded.signatures) or 'none'}")
    function = loaded.signatures[SIGNATURE]
    _, specs = function.structured_input_signature
    if len(specs) != 1:
        raise ValueError(f"{SIGNATURE} takes {len(specs)} inputs ({', '.join(specs)}); the server feeds one")
    (name, spec), = specs.items()

    def call(features: np.ndarray) -> Any:
        outputs = function(**{name: tf.constant(features.astype(spec.dtype.as_numpy_dtype))})
        return outputs[sorted(outputs)[0]]  # signature outputs are named; the first by name

    # `loaded` stays reachable through the closure: the signature needs its variables alive.
    call.loaded = loaded  # type: ignore[attr-defined]
    return Model(call, width_of(spec.shape), None)


def load(model_dir: str) -> Model:
    limit_threads()
    path = Path(model_dir) / MODEL_FILE
    model = saved_model(path) if MODEL_FORMAT == "savedmodel" else keras_model(path)
    spec_path = Path(model_dir) / PREPROCESS_FILE
    if spec_path.is_file():
        model.encoder = Encoder(json.loads(spec_path.read_text()), spec_path)
    return model


def features(model: Model, batch: np.ndarray, columns: Optional[List[str]]) -> np.ndarray:
    """A C-ordered float32 (rows, features) array: what the model's input takes."""
    if model.encoder is not None:
        matrix = model.encoder.encode(batch, columns)
    elif batch.dtype == object:
        raise ValueError(
            "text cells are not accepted: this model takes numbers only"
            f" (text is encoded only when a {PREPROCESS_FILE} next to the model says how, as the sample's does)"
        )
    else:
        matrix = np.ascontiguousarray(batch, dtype=np.float32)
    if model.width is not None and matrix.shape[1] != model.width:
        raise ValueError(f"the model takes {model.width} values per row, got {matrix.shape[1]}")
    return matrix


def as_array(output: Any) -> np.ndarray:
    """The first output as numpy; one column becomes one value per row."""
    if isinstance(output, dict):
        output = output[sorted(output)[0]]
    elif isinstance(output, (list, tuple)):
        output = output[0]
    array = np.asarray(output.numpy() if hasattr(output, "numpy") else output)
    return array[:, 0] if array.ndim == 2 and array.shape[1] == 1 else array


def predict(model: Model, batch: np.ndarray, columns: Optional[List[str]]) -> np.ndarray:
    return as_array(model.call(features(model, batch, columns)))
