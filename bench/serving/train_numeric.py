#!/usr/bin/env python3
"""Trains the benchmark's sklearn model: the sklearn sample's regressor on the seven numeric
Abalone measurements only (no sex letter), so the baseline's numpy CSV decoder can read the same
rows mcc's server reads. Same estimator and settings as the sample's sample/train.py.

Usage: /usr/bin/python3 train_numeric.py ABALONE_CSV MODEL_FILE
"""

import csv
import sys

import joblib
import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler


def main() -> int:
    data, out = sys.argv[1], sys.argv[2]
    with open(data, newline="") as file:
        rows = list(csv.reader(file))[1:]  # header first
    features = np.array([[float(value) for value in row[1:8]] for row in rows])
    rings = np.array([float(row[8]) for row in rows])
    regressor = HistGradientBoostingRegressor(max_iter=200, learning_rate=0.05, random_state=0)
    model = Pipeline([("scale", StandardScaler()), ("regress", regressor)]).fit(features, rings)
    joblib.dump(model, out)
    print(f"wrote {out} ({len(rings)} rows, 7 numeric features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
