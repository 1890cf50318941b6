"""code/framework.py with real TensorFlow: its predictions must equal the model's own.

Run from the project folder with `python3 -m pytest tests` where TensorFlow is installed (in the
image, or after `pip install -r requirements.txt`). The sample model is trained into a temporary
folder; a user's model is taken from SM_MODEL_DIR or model/.
"""

import csv
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

tf = pytest.importorskip("tensorflow")

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "code"))

import framework  # noqa: E402

TRAIN = PROJECT / "sample" / "train.py"
ABALONE = PROJECT / "sample" / "abalone.csv"


@pytest.fixture(scope="module")
def tf_model_dir(tmp_path_factory) -> Path:
    given = os.environ.get("SM_MODEL_DIR")
    if given and (Path(given) / framework.MODEL_FILE).exists():
        return Path(given)
    if TRAIN.is_file():
        out = tmp_path_factory.mktemp("model")
        subprocess.run([sys.executable, str(TRAIN), str(out)], check=True)
        return out
    local = PROJECT / "model"
    if not (local / framework.MODEL_FILE).exists():
        pytest.skip(f"model/{framework.MODEL_FILE} is absent")
    return local


@pytest.fixture(scope="module")
def model(tf_model_dir):
    return framework.load(str(tf_model_dir))


def direct(model_dir: Path, features: np.ndarray) -> np.ndarray:
    """The model's own answer, loaded and called without framework.py."""
    path = str(model_dir / framework.MODEL_FILE)
    if framework.MODEL_FORMAT == "savedmodel":
        signature = tf.saved_model.load(path).signatures["serving_default"]
        name = next(iter(signature.structured_input_signature[1]))
        outputs = signature(**{name: tf.constant(features)})
        return np.asarray(outputs[sorted(outputs)[0]]).reshape(len(features), -1)
    return np.asarray(tf.keras.models.load_model(path, compile=False)(features)).reshape(len(features), -1)


def test_thread_safety_is_declared():
    assert framework.THREAD_SAFE is True


def test_numeric_batch_matches_the_model(model, tf_model_dir):
    if model.encoder is not None or model.width is None:
        pytest.skip("the model takes raw rows, or its input width is unknown")
    batch = np.random.default_rng(0).random((7, model.width))
    got = np.asarray(framework.predict(model, batch, None)).reshape(7, -1)
    np.testing.assert_allclose(got, direct(tf_model_dir, batch.astype(np.float32)), rtol=1e-5)


def test_sample_raw_rows_match_the_model(model, tf_model_dir):
    if not ABALONE.is_file():
        pytest.skip("not the sample model")
    with ABALONE.open(newline="") as file:
        rows = [row[:-1] for row in list(csv.reader(file))[1:26]]  # without rings
    raw = np.array([[row[0]] + [float(v) for v in row[1:]] for row in rows], dtype=object)
    encoded = np.array([[float(row[0] == s) for s in "FIM"] + [float(v) for v in row[1:]] for row in rows], dtype=np.float32)
    got = np.asarray(framework.predict(model, raw, None))
    assert got.shape == (25,)
    np.testing.assert_allclose(got, direct(tf_model_dir, encoded)[:, 0], rtol=1e-5)
    assert np.all((got > 0) & (got < 30))  # rings


def test_text_without_preprocessing_is_a_value_error(model):
    if model.encoder is not None:
        pytest.skip("the sample encodes text")
    with pytest.raises(ValueError, match="text cells are not accepted"):
        framework.predict(model, np.array([["a", 1.0]], dtype=object), None)
