"""Fixtures for the handler tests: the model directory and a handler loaded from it.

Run from the project folder with `python3 -m pytest tests` (see README.md for the packages).
"""

import os
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "code"))

import model_handler  # noqa: E402


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory) -> Path:
    # A model already in SM_MODEL_DIR is used as it is (e.g. one trained by an earlier run).
    given = os.environ.get("SM_MODEL_DIR")
    if given and (Path(given) / model_handler.MODEL_FILE).is_file():
        return Path(given)
    local = PROJECT / "model"
    if not (local / model_handler.MODEL_FILE).is_file():
        pytest.skip(f"model/{model_handler.MODEL_FILE} is absent")
    return local


@pytest.fixture(scope="session")
def handler(model_dir):
    try:
        return model_handler.ModelHandler(str(model_dir)).load()
    except RuntimeError as error:
        # Typically a scikit-learn version other than the one that saved the model.
        pytest.skip(f"the model does not load with the packages installed here: {error}")
