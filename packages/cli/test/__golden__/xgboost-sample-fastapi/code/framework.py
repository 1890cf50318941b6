"""XGBoost's part of the request handler: load the Booster once per worker, predict one batch.

The shared handler parses requests into a 2-D numpy batch and calls `load` and `predict`; nothing
here knows about HTTP, so tests/ call it directly.
"""

import json
import os
from pathlib import Path
from typing import Any, List, Optional

import numpy as np
import xgboost

MODEL_FILE = "model.json"
MODEL_FORMAT = "json"
# Written by sample/train.py next to the model: raw columns and their one-hot categories.
PREPROCESS_FILE = "preprocess.json"
PREPROCESS_SCHEMA = "mcc-xgboost-preprocess/1"
# One request at a time per worker: each prediction already runs on PREDICT_THREADS OpenMP
# threads, and concurrent calls in one process would fight over the same cores and caches.
THREAD_SAFE = False
# Threads per prediction; 0 means OMP_NUM_THREADS (the CPUs `serve` leaves to each worker).
PREDICT_THREADS = 0


def positive_int(value: Optional[str]) -> int:
    try:
        number = int(value or "")
    except ValueError:
        return 0
    return max(number, 0)


def predict_threads() -> int:
    """MCC_PREDICT_THREADS, else the generated default, else OMP_NUM_THREADS, else every CPU."""
    configured = positive_int(os.environ.get("MCC_PREDICT_THREADS")) or PREDICT_THREADS
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()  # not on macOS
    return configured or positive_int(os.environ.get("OMP_NUM_THREADS")) or cpus or 1


class Preprocessing:
    """Turns raw rows (`M,0.455,...`) into the model's float features, as sample/train.py did."""

    def __init__(self, spec: Any, path: Path):
        if not isinstance(spec, dict) or spec.get("schema") != PREPROCESS_SCHEMA:
            raise ValueError(f"{path} is not a preprocessing file of schema {PREPROCESS_SCHEMA}")
        self.columns: List[str] = list(spec["columns"])
        self.one_hot = {name: list(values) for name, values in spec.get("one_hot", {}).items()}
        unknown = set(self.one_hot) - set(self.columns)
        if unknown:
            raise ValueError(f"{path}: one_hot names columns that are not in columns: {sorted(unknown)}")
        self.width = sum(len(self.one_hot.get(name, [None])) for name in self.columns)

    def order(self, batch: np.ndarray, columns: Optional[List[str]]) -> np.ndarray:
        """Columns by name when the request had a header, else by position."""
        if columns is None:
            if batch.shape[1] != len(self.columns):
                raise ValueError(
                    f"expected {len(self.columns)} values per row ({', '.join(self.columns)}), got {batch.shape[1]}"
                )
            return batch
        missing = [name for name in self.columns if name not in columns]
        if missing:
            raise ValueError(f"the header lacks column(s) {', '.join(missing)}; expected {', '.join(self.columns)}")
        return batch[:, [columns.index(name) for name in self.columns]]

    def apply(self, batch: np.ndarray, columns: Optional[List[str]]) -> np.ndarray:
        raw = self.order(batch, columns)
        out = np.empty((raw.shape[0], self.width), dtype=np.float32)
        at = 0
        for index, name in enumerate(self.columns):
            # Compared as objects so that a numeric batch (no text at all) still compares cell by cell.
            cells = raw[:, index].astype(object)
            categories = self.one_hot.get(name)
            if categories is not None:
                # An unknown or missing category is all zeros, as in training.
                for category in categories:
                    out[:, at] = cells == category
                    at += 1
                continue
            try:
                out[:, at] = cells.astype(np.float64)
            except (TypeError, ValueError) as error:
                raise ValueError(f"column {name} must be numeric: {error}") from None
            at += 1
        return out


class Model:
    def __init__(self, booster: xgboost.Booster, preprocessing: Optional[Preprocessing]):
        self.booster = booster
        self.preprocessing = preprocessing
        self.names = booster.feature_names
        config = json.loads(booster.save_config())
        # inplace_predict serves tree models without building a DMatrix; gblinear needs one.
        self.inplace = config["learner"]["gradient_booster"]["name"] != "gblinear"


def load(model_dir: str) -> Model:
    path = Path(model_dir) / MODEL_FILE
    booster = xgboost.Booster()
    # From bytes, xgboost recognises JSON, UBJSON and the legacy binary by their first bytes,
    # whatever the file is called (by name it would read any `.json` as text JSON).
    booster.load_model(bytearray(path.read_bytes()))
    booster.set_param({"nthread": predict_threads()})
    spec_path = path.parent / PREPROCESS_FILE
    preprocessing = None
    if spec_path.is_file():
        preprocessing = Preprocessing(json.loads(spec_path.read_text()), spec_path)
    return Model(booster, preprocessing)


def features(model: Model, batch: np.ndarray, columns: Optional[List[str]]) -> np.ndarray:
    """float32, C-ordered: what xgboost converts to anyway, so it need not copy again."""
    if model.preprocessing is not None:
        return model.preprocessing.apply(batch, columns)
    if columns is not None and model.names:
        missing = [name for name in model.names if name not in columns]
        if missing:
            raise ValueError(f"the header lacks the model's feature(s) {', '.join(missing)}")
        batch = batch[:, [columns.index(name) for name in model.names]]
    try:
        return np.ascontiguousarray(batch, dtype=np.float32)
    except (TypeError, ValueError) as error:
        raise ValueError(f"the model takes numbers only: {error}") from None


def predict(model: Model, batch: np.ndarray, columns: Optional[List[str]]) -> np.ndarray:
    matrix = features(model, batch, columns)
    if model.inplace:
        # Every tree, as Booster.predict does (a saved model's best_iteration is not applied).
        return model.booster.inplace_predict(matrix)
    return model.booster.predict(xgboost.DMatrix(matrix, feature_names=model.names))
