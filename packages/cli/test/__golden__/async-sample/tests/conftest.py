"""Fixtures for the handler tests: the model directory and a handler loaded from it.

Run from the project folder with `python3 -m pytest tests` (see README.md for the packages).
"""

import os
import subprocess
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
    # Train the sample once per session, as the image build does.
    out = tmp_path_factory.mktemp("model")
    subprocess.run([sys.executable, str(PROJECT / "sample/train.py"), str(out)], check=True)
    return out


@pytest.fixture(scope="session")
def handler(model_dir):
    return model_handler.ModelHandler(str(model_dir)).load()
