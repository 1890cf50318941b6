#!/usr/bin/env python3
"""Trains the sample model: abalone age (rings) from sex and seven shell measurements.

Usage: python3 sample/train.py MODEL_DIR

Reads abalone.csv next to this file (UCI Abalone, CC BY 4.0; see ABALONE.md) and writes
MODEL_DIR/model.joblib, a scikit-learn regressor saved with joblib, which model.py of the Python backend loads.
The model takes the tensor Triton is sent: 10 FP32 values per row, the one-hot sex
(F, I, M) then the seven measurements. The image build runs it in its own stage.
"""

import csv
import sys
import time
from pathlib import Path

import numpy as np

ARTIFACT = "model.joblib"
DATA = Path(__file__).resolve().parent / "abalone.csv"
SEXES = ["F", "I", "M"]
MEASUREMENTS = ["length", "diameter", "height", "whole_weight", "shucked_weight", "viscera_weight", "shell_weight"]


def load() -> tuple:
    """The features as the served tensor holds them, and the rings."""
    with DATA.open(newline="") as file:
        rows = list(csv.DictReader(file))
    features = np.array(
        [[float(row["sex"] == sex) for sex in SEXES] + [float(row[name]) for name in MEASUREMENTS] for row in rows],
        dtype=np.float32,
    )
    return features, np.array([float(row["rings"]) for row in rows], dtype=np.float32)


def fit(features: np.ndarray, rings: np.ndarray):
    from sklearn.ensemble import HistGradientBoostingRegressor

    return HistGradientBoostingRegressor(max_iter=200, learning_rate=0.05, random_state=0).fit(features, rings)


def predict(model, features: np.ndarray) -> np.ndarray:
    return model.predict(features)


def save(model, path: Path) -> None:
    import joblib

    joblib.dump(model, path)


def main() -> int:
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} MODEL_DIR", file=sys.stderr)
        return 2
    started = time.monotonic()
    features, rings = load()
    order = np.random.default_rng(0).permutation(len(rings))
    held_out, learn = order[: len(rings) // 5], order[len(rings) // 5 :]
    error = rings[held_out] - predict(fit(features[learn], rings[learn]), features[held_out])
    print(f"held-out {len(held_out)} rows: MAE {np.mean(np.abs(error)):.2f} rings")
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    save(fit(features, rings), out / ARTIFACT)  # the served model learns from every row
    print(f"wrote {out / ARTIFACT} ({len(rings)} rows, {time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
