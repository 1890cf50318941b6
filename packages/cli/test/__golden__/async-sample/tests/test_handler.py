"""The handler with the real model: every payload in tests/payloads/ must get one prediction per row.

Add your own payloads there (`*.csv` rows, `*.json` as {"instances": [...]}, or `*.npy`) and they
are tested too. The last test checks code/framework.py's DataFrame path with a stand-in estimator.
"""

import json
from pathlib import Path

import numpy as np
import pytest

import framework
import payloads

PAYLOADS = Path(__file__).resolve().parent / "payloads"
CONTENT_TYPES = {".csv": "text/csv", ".json": "application/json", ".npy": "application/x-npy"}
FILES = sorted(path for path in PAYLOADS.glob("*") if path.suffix in CONTENT_TYPES)
# One skipped case rather than none when there is no payload yet.
CASES = FILES or [None]


def need(payload):
    if payload is None:
        pytest.skip("tests/payloads/ has no .csv, .json or .npy payload yet; add one to test it")
    return payload


def invoke(handler, path: Path, accept=None):
    return handler.invoke(path.read_bytes(), CONTENT_TYPES[path.suffix], accept)


def test_model_loads(handler):
    assert handler.loaded


@pytest.mark.parametrize("payload", CASES, ids=[path.name if path else "none" for path in CASES])
def test_payload_gets_one_prediction_per_row(handler, payload):
    payload = need(payload)
    rows = payloads.parse(payload.read_bytes(), CONTENT_TYPES[payload.suffix]).rows
    reply = invoke(handler, payload)
    assert reply.status == 200, reply.body
    predictions = json.loads(reply.body)["predictions"]
    assert len(predictions) == len(rows)


@pytest.mark.parametrize("payload", CASES, ids=[path.name if path else "none" for path in CASES])
def test_payload_answers_csv_when_asked(handler, payload):
    payload = need(payload)
    reply = invoke(handler, payload, accept="text/csv")
    assert reply.status == 200, reply.body
    assert reply.content_type == "text/csv"
    json_predictions = json.loads(invoke(handler, payload).body)["predictions"]
    assert len(reply.body.decode().splitlines()) == len(json_predictions)


def test_csv_and_json_of_the_same_rows_agree(handler):
    pairs = [(path, path.with_suffix(".json")) for path in FILES if path.suffix == ".csv"]
    pairs = [(csv_file, json_file) for csv_file, json_file in pairs if json_file.exists()]
    if not pairs:
        pytest.skip("no payload has both a .csv and a .json form")
    for csv_file, json_file in pairs:
        assert json.loads(invoke(handler, csv_file).body) == json.loads(invoke(handler, json_file).body)


def test_a_row_of_the_wrong_width_is_refused_and_the_handler_keeps_working(handler):
    width = getattr(handler.model, "n_features_in_", None)
    if width is None:
        pytest.skip("the model does not say how many features it takes")
    bad = handler.invoke(json.dumps({"instances": [[0.0] * (width + 1)]}).encode(), "application/json")
    assert bad.status == 400
    assert "error" in json.loads(bad.body)
    zeros = handler.invoke(json.dumps({"instances": [[0.0] * width]}).encode(), "application/json")
    assert zeros.status in (200, 400)  # never 500: a model may refuse zeros, but cleanly


def test_a_model_fitted_on_named_columns_gets_a_dataframe_in_its_column_order():
    pandas = pytest.importorskip("pandas")

    class Named:
        feature_names_in_ = np.array(["sex", "length"], dtype=object)

        def predict(self, features):
            assert isinstance(features, pandas.DataFrame)
            assert list(features.columns) == ["sex", "length"]
            assert features["length"].dtype == float
            return features["length"].to_numpy() * 2

    unnamed = payloads.parse(b"M,0.5\nF,1.5", "text/csv")
    assert framework.predict(Named(), unnamed.rows, unnamed.columns).tolist() == [1.0, 3.0]
    named = payloads.parse(b"length,sex\n0.5,M\n1.5,F", "text/csv")
    assert framework.predict(Named(), named.rows, named.columns).tolist() == [1.0, 3.0]
