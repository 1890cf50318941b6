"""code/framework.py with the real model: its predictions must equal xgboost's own.

Run from the project folder with `python3 -m pytest tests`. The sample model is trained into a
temporary folder; a user's model is taken from SM_MODEL_DIR or model/.
"""

import csv
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import xgboost

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "code"))

import framework  # noqa: E402

TRAIN = PROJECT / "sample" / "train.py"
ABALONE = PROJECT / "sample" / "abalone.csv"


@pytest.fixture(scope="module")
def xgb_model_dir(tmp_path_factory) -> Path:
    given = os.environ.get("SM_MODEL_DIR")
    if given and (Path(given) / framework.MODEL_FILE).is_file():
        return Path(given)
    if TRAIN.is_file():
        out = tmp_path_factory.mktemp("model")
        subprocess.run([sys.executable, str(TRAIN), str(out)], check=True)
        return out
    local = PROJECT / "model"
    if not (local / framework.MODEL_FILE).is_file():
        pytest.skip(f"model/{framework.MODEL_FILE} is absent")
    return local


@pytest.fixture(scope="module")
def model(xgb_model_dir):
    return framework.load(str(xgb_model_dir))


@pytest.fixture(scope="module")
def reference(xgb_model_dir) -> xgboost.Booster:
    """The same file loaded by xgboost alone, to compare with."""
    return xgboost.Booster(model_file=str(xgb_model_dir / framework.MODEL_FILE))


def abalone_rows(count: int) -> tuple:
    with ABALONE.open(newline="") as file:
        rows = list(csv.reader(file))
    header, body = rows[0][:-1], [row[:-1] for row in rows[1 : count + 1]]  # without rings
    return header, body


def raw_batch(rows: list) -> np.ndarray:
    """What the shared handler builds from text/csv rows with text in them."""
    return np.array([[row[0]] + [float(value) for value in row[1:]] for row in rows], dtype=object)


def one_hot(rows: list) -> np.ndarray:
    """Independent of framework.py: sex F, I, M as indicators, then the measurements."""
    return np.array(
        [[float(row[0] == sex) for sex in ("F", "I", "M")] + [float(value) for value in row[1:]] for row in rows],
        dtype=np.float32,
    )


def test_thread_safety_is_declared():
    assert framework.THREAD_SAFE is False


def test_numeric_batch_matches_xgboost(model, reference):
    if model.preprocessing is not None:
        pytest.skip("the model takes raw rows; see the sample tests")
    batch = np.random.default_rng(0).random((7, reference.num_features()))
    expected = reference.predict(xgboost.DMatrix(batch.astype(np.float32), feature_names=reference.feature_names))
    np.testing.assert_allclose(np.asarray(framework.predict(model, batch, None)), expected, rtol=1e-6)


def test_sample_raw_rows_match_xgboost(model, reference):
    if not ABALONE.is_file():
        pytest.skip("not the sample model")
    _, rows = abalone_rows(25)
    expected = reference.predict(xgboost.DMatrix(one_hot(rows), feature_names=reference.feature_names))
    predictions = np.asarray(framework.predict(model, raw_batch(rows), None))
    assert predictions.shape == (25,)
    np.testing.assert_allclose(predictions, expected, rtol=1e-6)
    assert np.all((predictions > 1) & (predictions < 30))  # rings


def test_sample_header_reorders_columns(model):
    if not ABALONE.is_file():
        pytest.skip("not the sample model")
    header, rows = abalone_rows(5)
    batch = raw_batch(rows)
    reversed_batch = batch[:, ::-1]
    in_order = np.asarray(framework.predict(model, batch, None))
    by_name = np.asarray(framework.predict(model, reversed_batch, header[::-1]))
    np.testing.assert_array_equal(by_name, in_order)


def test_sample_rejects_bad_rows_with_a_value_error(model):
    if not ABALONE.is_file():
        pytest.skip("not the sample model")
    with pytest.raises(ValueError, match="expected 8 values"):
        framework.predict(model, np.array([[1.0, 2.0]]), None)
    with pytest.raises(ValueError, match="length"):
        framework.predict(model, np.array([["M", "long", 1, 1, 1, 1, 1, 1]], dtype=object), None)
