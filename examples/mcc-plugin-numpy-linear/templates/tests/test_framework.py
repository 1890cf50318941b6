"""The numpy-linear framework on its own: load a model written here, predict, refuse bad rows."""

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "code"))

import framework  # noqa: E402


def write(tmp_path, **arrays):
    np.savez(tmp_path / framework.MODEL_FILE, **arrays)
    return framework.load(str(tmp_path))


def test_numeric_rows(tmp_path):
    model = write(tmp_path, coef=np.array([2.0, -1.0]), intercept=np.float64(0.5))
    assert framework.predict(model, np.array([[1.0, 1.0], [0.0, 2.0]]), None) == [1.5, -1.5]


def test_categories(tmp_path):
    model = write(tmp_path, coef=np.array([1.0, 2.0, 10.0]), categories=np.array(["a", "b"]))
    batch = np.array([["b", 1.0]], dtype=object)
    assert framework.predict(model, batch, None) == [12.0]


def test_wrong_width_is_a_value_error(tmp_path):
    model = write(tmp_path, coef=np.array([1.0, 2.0]))
    with pytest.raises(ValueError):
        framework.predict(model, np.array([[1.0]]), None)
