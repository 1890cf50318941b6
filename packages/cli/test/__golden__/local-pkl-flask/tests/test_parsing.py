"""Request parsing and replies: no model needed (a stand-in estimator where one is called)."""

import json
import math

import numpy as np
import pytest

import model_handler
from model_handler import ModelHandler, RequestError, parse

ROW = "M,0.455,0.365,0.095,0.514,0.2245,0.101,0.15"
PARSED = ["M", 0.455, 0.365, 0.095, 0.514, 0.2245, 0.101, 0.15]


class SumOfNumbers:
    """Predicts the sum of each row's numeric values; refuses rows of another width."""

    n_features_in_ = 8

    def predict(self, features):
        if features.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {features.shape[1]} features, expected {self.n_features_in_}")
        return np.array([sum(v for v in row if isinstance(v, float)) for row in features.tolist()])


class Broken:
    def predict(self, features):
        raise RuntimeError("boom")


def handler_with(model) -> ModelHandler:
    handler = ModelHandler("unused")
    handler.model = model
    return handler


def test_csv_numbers_become_floats_and_text_stays_text():
    assert parse(ROW.encode(), "text/csv") == [PARSED]


def test_csv_header_row_is_skipped():
    body = f"sex,length,diameter,height,whole,shucked,viscera,shell\n{ROW}\n{ROW}\n"
    assert parse(body.encode(), "text/csv") == [PARSED, PARSED]


def test_csv_first_row_with_numbers_is_data():
    assert len(parse(f"{ROW}\n{ROW}".encode(), "text/csv")) == 2


def test_csv_blank_lines_charset_and_bom_are_fine():
    body = ("\ufeff" + ROW + "\r\n\r\n" + ROW + "\n\n").encode()
    assert parse(body, "text/csv; charset=utf-8") == [PARSED, PARSED]


def test_csv_empty_cell_is_a_missing_value():
    (row,) = parse(b"1,,3", "text/csv")
    assert row[0] == 1.0 and math.isnan(row[1]) and row[2] == 3.0


def test_json_instances_and_bare_lists():
    expected = [[1.0, "a", 2.5]]
    assert parse(b'{"instances": [[1, "a", 2.5]]}', "application/json") == expected
    assert parse(b'[[1, "a", 2.5]]', "Application/JSON") == expected


@pytest.mark.parametrize(
    "body, content_type, words",
    [
        (b"", "text/csv", "no rows"),
        (b"\xff\xfe\x00", "text/csv", "UTF-8"),
        (b'{"instances": [[1, 2]', "application/json", "not valid JSON"),
        (b'{"rows": [[1, 2]]}', "application/json", "instances"),
        (b'{"instances": []}', "application/json", "instances"),
        (b'{"instances": [1, 2]}', "application/json", "instance 1"),
        (b'{"instances": [[1, {"a": 2}]]}', "application/json", "instance 1, value 2"),
        (b"1,2,3\n4,5", "text/csv", "row 2 has 2 values"),
    ],
)
def test_malformed_bodies_are_400_naming_the_problem(body, content_type, words):
    with pytest.raises(RequestError) as caught:
        parse(body, content_type)
    assert caught.value.status == 400
    assert words in str(caught.value)


def test_unsupported_content_type_is_415_naming_the_accepted_ones():
    reply = handler_with(SumOfNumbers()).invoke(b"\x89PNG", "image/png")
    assert reply.status == 415
    message = json.loads(reply.body)["error"]
    assert "image/png" in message and "text/csv" in message and "application/json" in message


def test_body_above_the_limit_is_413():
    body = b"1," * (model_handler.MAX_BODY_BYTES // 2 + 1)
    assert handler_with(SumOfNumbers()).invoke(body, "text/csv").status == 413


def test_handler_without_a_model_is_503():
    assert ModelHandler("unused").invoke(ROW.encode(), "text/csv").status == 503


def test_predictions_as_json_and_as_csv():
    handler = handler_with(SumOfNumbers())
    body = f"{ROW}\n{ROW}".encode()
    reply = handler.invoke(body, "text/csv")
    assert (reply.status, reply.content_type) == (200, "application/json")
    predictions = json.loads(reply.body)["predictions"]
    assert predictions == pytest.approx([sum(PARSED[1:])] * 2)
    as_csv = handler.invoke(body, "text/csv", accept="text/csv, application/json")
    assert as_csv.content_type == "text/csv"
    assert [float(line) for line in as_csv.body.decode().splitlines()] == pytest.approx(predictions)
    assert handler.invoke(body, "text/csv", accept="application/json, text/csv").content_type == "application/json"


def test_model_errors_are_400_and_unexpected_ones_500_and_the_handler_survives():
    handler = handler_with(SumOfNumbers())
    assert handler.invoke(b"1,2,3", "text/csv").status == 400
    assert handler.invoke(ROW.encode(), "text/csv").status == 200
    broken = handler_with(Broken()).invoke(ROW.encode(), "text/csv")
    assert broken.status == 500 and "boom" in json.loads(broken.body)["error"]


def test_non_finite_predictions_become_null():
    assert json.loads(model_handler.encode([1.5, math.nan, np.float32(2)], None).body) == {"predictions": [1.5, None, 2.0]}


def test_a_model_fitted_on_named_columns_gets_a_dataframe():
    pandas = pytest.importorskip("pandas")

    class Named:
        feature_names_in_ = np.array(["sex", "length"], dtype=object)

        def predict(self, features):
            assert isinstance(features, pandas.DataFrame)
            assert list(features.columns) == ["sex", "length"]
            assert features["length"].dtype == float
            return features["length"].to_numpy() * 2

    reply = handler_with(Named()).invoke(b"M,0.5\nF,1.5", "text/csv")
    assert json.loads(reply.body) == {"predictions": [1.0, 3.0]}
