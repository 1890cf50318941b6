"""Request parsing, replies and the handler's error paths: no model needed.

The framework (code/framework.py) is replaced by a stand-in whose predict sums each row's numbers,
so these tests hold for every framework; tests/test_handler.py runs the real model.
"""

import io
import json
import math
import threading
import time
import types

import numpy as np
import pytest

import model_handler
import payloads
from payloads import RequestError, parse

ROW = "M,0.455,0.365,0.095,0.514,0.2245,0.101,0.15"
PARSED = ["M", 0.455, 0.365, 0.095, 0.514, 0.2245, 0.101, 0.15]
WIDTH = len(PARSED)


def sum_of_numbers(model, batch, columns):
    """The stand-in predict: the sum of each row's numeric values; refuses other widths."""
    if batch.shape[1] != WIDTH:
        raise ValueError(f"X has {batch.shape[1]} features, expected {WIDTH}")
    return np.array([sum(v for v in row if isinstance(v, float)) for row in batch.tolist()])


def stand_in(predict=sum_of_numbers, thread_safe=True):
    return types.SimpleNamespace(MODEL_FILE="model.bin", THREAD_SAFE=thread_safe, load=lambda d: object(), predict=predict)


@pytest.fixture
def handler(monkeypatch):
    monkeypatch.setattr(model_handler, "framework", stand_in())
    handler = model_handler.ModelHandler("unused")
    handler.model = object()
    return handler


def npy(array) -> bytes:
    out = io.BytesIO()
    np.save(out, array)
    return out.getvalue()


def test_csv_numbers_become_floats_and_text_stays_text():
    batch = parse(ROW.encode(), "text/csv")
    assert batch.rows.dtype == object and batch.rows.tolist() == [PARSED] and batch.columns is None


def test_an_all_numeric_batch_is_float64():
    batch = parse(b"1,2.5\n3,4\n", "text/csv")
    assert batch.rows.dtype == np.float64 and batch.rows.shape == (2, 2)


def test_csv_header_row_names_the_columns():
    body = f"sex,length,diameter,height,whole,shucked,viscera,shell\n{ROW}\n{ROW}\n"
    batch = parse(body.encode(), "text/csv")
    assert batch.rows.tolist() == [PARSED, PARSED]
    assert batch.columns == ["sex", "length", "diameter", "height", "whole", "shucked", "viscera", "shell"]


def test_csv_first_row_with_numbers_is_data():
    assert len(parse(f"{ROW}\n{ROW}".encode(), "text/csv").rows) == 2


def test_csv_blank_lines_charset_and_bom_are_fine():
    body = ("\ufeff" + ROW + "\r\n\r\n" + ROW + "\n\n").encode()
    assert parse(body, "text/csv; charset=utf-8").rows.tolist() == [PARSED, PARSED]


def test_csv_empty_cell_is_a_missing_value():
    (row,) = parse(b"1,,3", "text/csv").rows.tolist()
    assert row[0] == 1.0 and math.isnan(row[1]) and row[2] == 3.0


def test_json_instances_inputs_and_bare_lists():
    expected = [[1.0, "a", 2.5]]
    assert parse(b'{"instances": [[1, "a", 2.5]]}', "application/json").rows.tolist() == expected
    assert parse(b'{"inputs": [[1, "a", 2.5]]}', "application/json").rows.tolist() == expected
    assert parse(b'[[1, "a", 2.5]]', "Application/JSON").rows.tolist() == expected


def test_json_named_values_become_columns():
    rows = parse(b'{"instances": [{"a": 1, "b": 2}, {"a": 3, "b": null}]}', "application/json")
    assert rows.columns == ["a", "b"] and rows.rows[0].tolist() == [1.0, 2.0] and math.isnan(rows.rows[1][1])
    columns = parse(b'{"inputs": {"a": [1, 3], "b": ["x", "y"]}}', "application/json")
    assert columns.columns == ["a", "b"] and columns.rows.tolist() == [[1.0, "x"], [3.0, "y"]]


def test_npy_arrays_of_numbers_and_of_text():
    batch = parse(npy(np.arange(6, dtype=np.int32).reshape(2, 3)), "application/x-npy")
    assert batch.rows.dtype == np.float64 and batch.rows.tolist() == [[0, 1, 2], [3, 4, 5]]
    assert parse(npy(np.array([1.5, 2.5])), "application/x-npy").rows.shape == (1, 2)
    text = parse(npy(np.array([["M", "0.5"]])), "application/x-npy")
    assert text.rows.tolist() == [["M", 0.5]]


def test_npy_never_unpickles():
    body = npy(np.array([[{"a": 1}]], dtype=object))
    with pytest.raises(RequestError) as caught:
        parse(body, "application/x-npy")
    assert "not a .npy array" in str(caught.value)


@pytest.mark.parametrize(
    "body, content_type, words",
    [
        (b"", "text/csv", "no rows"),
        (b"\xff\xfe\x00", "text/csv", "UTF-8"),
        (b"a,b\n1", "text/csv", "header names 2 columns"),
        (b'{"instances": [[1, 2]', "application/json", "not valid JSON"),
        (b'{"rows": [[1, 2]]}', "application/json", "instances"),
        (b'{"instances": []}', "application/json", "instances"),
        (b'{"instances": [1, 2]}', "application/json", "instance 1"),
        (b'{"instances": [[1, {"a": 2}]]}', "application/json", "instance 1, value 2"),
        (b'{"instances": [{"a": 1}, {"b": 2}]}', "application/json", "instance 2 names"),
        (b'{"inputs": {"a": [1], "b": [1, 2]}}', "application/json", "same length"),
        (b'{"inputs": {}}', "application/json", "no columns"),
        (b"1,2,3\n4,5", "text/csv", "row 2 has 2 values"),
        (b"\x93NUMPY garbage", "application/x-npy", ".npy"),
        (npy(np.zeros((2, 2, 2))), "application/x-npy", "2-D"),
    ],
)
def test_malformed_bodies_are_400_naming_the_problem(body, content_type, words):
    with pytest.raises(RequestError) as caught:
        parse(body, content_type)
    assert caught.value.status == 400
    assert words in str(caught.value)


def test_unsupported_content_type_is_415_naming_the_accepted_ones(handler):
    reply = handler.invoke(b"\x89PNG", "image/png")
    assert reply.status == 415
    message = json.loads(reply.body)["error"]
    for words in ("image/png", "text/csv", "application/json", "application/x-npy"):
        assert words in message


def test_unsupported_accept_is_406_naming_the_written_ones(handler):
    reply = handler.invoke(ROW.encode(), "text/csv", accept="application/xml")
    assert reply.status == 406
    assert "application/json or text/csv" in json.loads(reply.body)["error"]


@pytest.mark.parametrize(
    "accept, kind",
    [
        (None, "application/json"),
        ("", "application/json"),
        ("*/*", "application/json"),
        ("text/csv", "text/csv"),
        ("text/*", "text/csv"),
        ("text/csv, application/json", "text/csv"),
        ("application/json, text/csv", "application/json"),
        ("application/json;q=0.5, text/csv", "text/csv"),
        ("application/xml, text/csv;q=0.1", "text/csv"),
    ],
)
def test_accept_picks_the_reply_type(accept, kind):
    assert payloads.output_type(accept) == kind


def test_body_above_the_limit_is_413(handler):
    body = b"1," * (model_handler.MAX_BODY_BYTES // 2 + 1)
    assert handler.invoke(body, "text/csv").status == 413


def test_handler_without_a_model_is_503():
    assert model_handler.ModelHandler("unused").invoke(ROW.encode(), "text/csv").status == 503


def test_predictions_as_json_and_as_csv(handler):
    body = f"{ROW}\n{ROW}".encode()
    reply = handler.invoke(body, "text/csv")
    assert (reply.status, reply.content_type) == (200, "application/json")
    predictions = json.loads(reply.body)["predictions"]
    assert predictions == pytest.approx([sum(PARSED[1:])] * 2)
    as_csv = handler.invoke(body, "text/csv", accept="text/csv")
    assert as_csv.content_type == "text/csv"
    assert [float(line) for line in as_csv.body.decode().splitlines()] == pytest.approx(predictions)


def test_multi_output_predictions_are_rows():
    assert json.loads(payloads.encode(np.array([[1, 2], [3, 4]]), "application/json").body) == {"predictions": [[1, 2], [3, 4]]}
    assert payloads.encode([[1.5, 2.0]], "text/csv").body == b"1.5,2.0\n"


def test_model_errors_are_400_and_unexpected_ones_500_and_the_handler_survives(handler, monkeypatch):
    assert handler.invoke(b"1,2,3", "text/csv").status == 400
    assert handler.invoke(ROW.encode(), "text/csv").status == 200

    def broken(model, batch, columns):
        raise RuntimeError("boom")

    monkeypatch.setattr(model_handler, "framework", stand_in(broken))
    reply = handler.invoke(ROW.encode(), "text/csv")
    assert reply.status == 500 and "boom" in json.loads(reply.body)["error"]


def test_non_finite_predictions_become_null():
    reply = payloads.encode([1.5, math.nan, np.float32(2)], "application/json")
    assert json.loads(reply.body) == {"predictions": [1.5, None, 2.0]}
    assert json.loads(payloads.encode(np.array([np.inf, 1.0]), "application/json").body) == {"predictions": [None, 1.0]}


def test_the_framework_gets_one_call_per_request_with_the_columns(monkeypatch):
    calls = []

    def record(model, batch, columns):
        calls.append((batch.shape, columns))
        return np.zeros(len(batch))

    monkeypatch.setattr(model_handler, "framework", stand_in(record))
    handler = model_handler.ModelHandler("unused")
    handler.model = object()
    body = "a,b\n" + "\n".join(f"{i},{i}" for i in range(100))
    assert handler.invoke(body.encode(), "text/csv").status == 200
    assert calls == [((100, 2), ["a", "b"])]


def test_a_framework_that_is_not_thread_safe_predicts_one_request_at_a_time(monkeypatch):
    active, peak = [0], [0]

    def slow(model, batch, columns):
        active[0] += 1
        peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        active[0] -= 1
        return np.zeros(len(batch))

    monkeypatch.setattr(model_handler, "framework", stand_in(slow, thread_safe=False))
    handler = model_handler.ModelHandler("unused")
    handler.model = object()
    threads = [threading.Thread(target=handler.invoke, args=(b"1,2", "text/csv")) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak[0] == 1
