#!/usr/bin/env python3
"""Trains the sample model: abalone age (rings) from sex and seven shell measurements.

Usage: python3 sample/train.py MODEL_DIR

Reads abalone.csv next to this file (UCI Abalone, CC BY 4.0; see ABALONE.md) and writes
MODEL_DIR/model.joblib: one scikit-learn Pipeline holding the preprocessing (one-hot sex,
scaled measurements) and the regressor, so the server sends raw rows such as
`M,0.455,0.365,0.095,0.514,0.2245,0.101,0.15`. Only scikit-learn's own classes are pickled, so
the model loads wherever the same scikit-learn version is installed. The image build runs it.
"""

import csv
import sys
import time
from pathlib import Path

import joblib
import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

MODEL_FILE = "model.joblib"
DATA = Path(__file__).resolve().parent / "abalone.csv"
SEX = [0]
MEASUREMENTS = [1, 2, 3, 4, 5, 6, 7]


def load() -> tuple:
    with DATA.open(newline="") as file:
        rows = list(csv.reader(file))[1:]  # the first row is the header
    # Features by position, not name, so the server can pass plain rows (no pandas needed).
    features = np.array([[row[0]] + [float(value) for value in row[1:8]] for row in rows], dtype=object)
    rings = np.array([float(row[8]) for row in rows])
    return features, rings


def pipeline() -> Pipeline:
    preprocess = ColumnTransformer(
        [
            ("sex", OneHotEncoder(handle_unknown="ignore"), SEX),
            ("measurements", StandardScaler(), MEASUREMENTS),
        ],
        sparse_threshold=0,  # dense output, which the regressor requires
    )
    regressor = HistGradientBoostingRegressor(max_iter=200, learning_rate=0.05, random_state=0)
    return Pipeline([("preprocess", preprocess), ("regress", regressor)])


def main() -> int:
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} MODEL_DIR", file=sys.stderr)
        return 2
    started = time.monotonic()
    features, rings = load()
    train_x, test_x, train_y, test_y = train_test_split(features, rings, test_size=0.2, random_state=0)
    held_out = pipeline().fit(train_x, train_y).predict(test_x)
    print(
        f"held-out {len(test_y)} rows: MAE {mean_absolute_error(test_y, held_out):.2f} rings, "
        f"R2 {r2_score(test_y, held_out):.3f}"
    )
    model = pipeline().fit(features, rings)  # the served model learns from every row
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, out / MODEL_FILE)
    print(f"wrote {out / MODEL_FILE} ({len(rings)} rows, {time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
