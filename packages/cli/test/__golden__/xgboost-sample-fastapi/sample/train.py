#!/usr/bin/env python3
"""Trains the sample model: abalone age (rings) from sex and seven shell measurements.

Usage: python3 sample/train.py MODEL_DIR

Reads abalone.csv next to this file (UCI Abalone, CC BY 4.0; see ABALONE.md) and writes two files
into MODEL_DIR: model.json, an XGBoost regressor saved as JSON, and preprocess.json, the
raw column order and the categories of the one-hot encoded `sex`. code/framework.py applies the
latter, so the server takes raw rows such as `M,0.455,0.365,0.095,0.514,0.2245,0.101,0.15`.
It uses xgboost's native API, so the image needs no scikit-learn. The image build runs it.
"""

import csv
import json
import sys
import time
from pathlib import Path

import numpy as np
import xgboost

MODEL_FILE = "model.json"
PREPROCESS_FILE = "preprocess.json"
DATA = Path(__file__).resolve().parent / "abalone.csv"
TARGET = "rings"
SEX = "sex"
CATEGORIES = ["F", "I", "M"]
PARAMS = {
    "objective": "reg:squarederror",
    "tree_method": "hist",  # fast on small data, and the default from xgboost 2.0
    "max_depth": 4,
    "eta": 0.08,
    "subsample": 0.8,
    "min_child_weight": 4,
    "seed": 0,
}
ROUNDS = 200


def read() -> tuple:
    with DATA.open(newline="") as file:
        rows = list(csv.DictReader(file))
    columns = [name for name in rows[0] if name != TARGET]
    return columns, rows


def encode(columns: list, rows: list) -> tuple:
    """One indicator per sex category, in place of `sex`; measurements as they are."""
    names, values = [], []
    for name in columns:
        if name == SEX:
            names += [f"{SEX}_{category}" for category in CATEGORIES]
            values += [[float(row[SEX] == category) for row in rows] for category in CATEGORIES]
        else:
            names.append(name)
            values.append([float(row[name]) for row in rows])
    return names, np.array(values, dtype=np.float32).T


def train(features: np.ndarray, rings: np.ndarray, names: list) -> xgboost.Booster:
    data = xgboost.DMatrix(features, label=rings, feature_names=names)
    return xgboost.train(PARAMS, data, num_boost_round=ROUNDS)


def main() -> int:
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} MODEL_DIR", file=sys.stderr)
        return 2
    started = time.monotonic()
    columns, rows = read()
    names, features = encode(columns, rows)
    rings = np.array([float(row[TARGET]) for row in rows])

    order = np.random.default_rng(0).permutation(len(rows))
    held_out, learn = order[: len(rows) // 5], order[len(rows) // 5 :]
    model = train(features[learn], rings[learn], names)
    predicted = model.predict(xgboost.DMatrix(features[held_out], feature_names=names))
    error = rings[held_out] - predicted
    r2 = 1 - np.sum(error**2) / np.sum((rings[held_out] - rings[held_out].mean()) ** 2)
    print(f"held-out {len(held_out)} rows: MAE {np.mean(np.abs(error)):.2f} rings, R2 {r2:.3f}")

    model = train(features, rings, names)  # the served model learns from every row
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    model.save_model(str(out / MODEL_FILE))
    preprocess = {"schema": "mcc-xgboost-preprocess/1", "columns": columns, "one_hot": {SEX: CATEGORIES}}
    (out / PREPROCESS_FILE).write_text(json.dumps(preprocess, indent=2) + "\n")
    print(f"wrote {out / MODEL_FILE} and {PREPROCESS_FILE} ({len(rows)} rows, {time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
