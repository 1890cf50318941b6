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


def has_model(directory: Path) -> bool:
    return (directory / model_handler.MODEL_FILE).exists()


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory) -> Path:
    # A model already in SM_MODEL_DIR is used as it is (e.g. one trained by an earlier run).
    given = os.environ.get("SM_MODEL_DIR")
    if given and has_model(Path(given)):
        return Path(given)
    local = PROJECT / "model"
    if not has_model(local):
        pytest.skip(f"model/{model_handler.MODEL_FILE} is absent")
    return local


@pytest.fixture(scope="session")
def handler(model_dir):
    try:
        return model_handler.ModelHandler(str(model_dir)).load()
    except RuntimeError as error:
        # Typically a framework version other than the one that saved the model.
        pytest.skip(f"the model does not load with the packages installed here: {error}")
