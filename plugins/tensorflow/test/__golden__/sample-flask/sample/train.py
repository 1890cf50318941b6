#!/usr/bin/env python3
"""Trains the sample model: abalone age (rings) from sex and seven shell measurements.

Usage: python3 sample/train.py MODEL_DIR

Reads abalone.csv next to this file (UCI Abalone, CC BY 4.0; see ABALONE.md) and writes two files
into MODEL_DIR: model.keras, a small Keras regressor, and preprocess.json, the raw column
order and the categories of the one-hot encoded `sex`. code/framework.py applies the latter, so the
server takes raw rows such as `M,0.455,0.365,0.095,0.514,0.2245,0.101,0.15`. The image build runs
it (TensorFlow is in the image); it takes a few seconds on a CPU.
"""

import csv
import json
import sys
import time
from pathlib import Path

import numpy as np
import tensorflow as tf

MODEL_FILE = "model.keras"
PREPROCESS_FILE = "preprocess.json"
DATA = Path(__file__).resolve().parent / "abalone.csv"
TARGET = "rings"
SEX = "sex"
SEXES = ["F", "I", "M"]
EPOCHS = 40
BATCH = 64


def load_rows() -> tuple:
    with DATA.open(newline="") as file:
        rows = list(csv.DictReader(file))
    return [name for name in rows[0] if name != TARGET], rows


def to_matrix(columns: list, rows: list) -> np.ndarray:
    """`sex` as three indicator columns in its place; the measurements as they are."""
    def row_features(row: dict) -> list:
        out = []
        for name in columns:
            out += [float(row[SEX] == sex) for sex in SEXES] if name == SEX else [float(row[name])]
        return out

    return np.array([row_features(row) for row in rows], dtype=np.float32)


def build(features: np.ndarray) -> tf.keras.Model:
    scale = tf.keras.layers.Normalization()
    scale.adapt(features)
    model = tf.keras.Sequential(
        [
            tf.keras.Input(shape=(features.shape[1],)),
            scale,
            tf.keras.layers.Dense(32, activation="relu"),
            tf.keras.layers.Dense(16, activation="relu"),
            tf.keras.layers.Dense(1),
        ]
    )
    model.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss="mse")
    return model


def fit(features: np.ndarray, rings: np.ndarray) -> tf.keras.Model:
    model = build(features)
    model.fit(features, rings, epochs=EPOCHS, batch_size=BATCH, verbose=0)
    return model


def main() -> int:
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} MODEL_DIR", file=sys.stderr)
        return 2
    started = time.monotonic()
    tf.keras.utils.set_random_seed(0)
    columns, rows = load_rows()
    features = to_matrix(columns, rows)
    rings = np.array([float(row[TARGET]) for row in rows], dtype=np.float32)

    shuffled = np.random.default_rng(0).permutation(len(rows))
    test, learn = shuffled[: len(rows) // 5], shuffled[len(rows) // 5 :]
    guess = fit(features[learn], rings[learn]).predict(features[test], verbose=0)[:, 0]
    error = rings[test] - guess
    r2 = 1 - np.sum(error**2) / np.sum((rings[test] - rings[test].mean()) ** 2)
    print(f"held-out {len(test)} rows: MAE {np.mean(np.abs(error)):.2f} rings, R2 {r2:.3f}")

    model = fit(features, rings)  # the served model learns from every row
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    model.save(out / MODEL_FILE)
    spec = {"schema": "mcc-tensorflow-preprocess/1", "columns": columns, "one_hot": {SEX: SEXES}}
    (out / PREPROCESS_FILE).write_text(json.dumps(spec, indent=2) + "\n")
    print(f"wrote {out / MODEL_FILE} and {PREPROCESS_FILE} ({len(rows)} rows, {time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
