"""Requests that arrive together share one prediction call: stacking, splitting, fallbacks, and the
two coordinators (threads for Flask, asyncio for FastAPI). No model needed: a recording stand-in
predicts each row's sum.
"""

import asyncio
import threading
import time
import types

import numpy as np
import pytest

import batching
import model_handler
from payloads import Batch, RequestError


class Recorder:
    """A framework stand-in: predicts each row's sum, records every call's shape and columns."""

    def __init__(self, delay=0.0, refuse_negative=False):
        self.calls = []
        self.delay = delay
        self.refuse_negative = refuse_negative
        self.active = 0
        self.peak = 0

    def predict(self, model, batch, columns):
        self.active += 1
        self.peak = max(self.peak, self.active)
        try:
            self.calls.append((batch.shape, columns))
            if self.refuse_negative and (batch < 0).any():
                raise ValueError("negative values are not accepted")
            time.sleep(self.delay)
            return batch.sum(axis=1)
        finally:
            self.active -= 1


@pytest.fixture
def recorder(monkeypatch):
    recorder = Recorder()
    framework = types.SimpleNamespace(MODEL_FILE="model.bin", THREAD_SAFE=True, load=lambda d: object(), predict=recorder.predict)
    monkeypatch.setattr(model_handler, "framework", framework)
    return recorder


@pytest.fixture
def handler(recorder):
    handler = model_handler.ModelHandler("unused")
    handler.model = object()
    return handler


def rows(*values, width=3, columns=None):
    return Batch(np.array([[float(v)] * width for v in values]), columns)


def test_numeric_batches_of_one_shape_are_one_call_split_back_in_order(handler, recorder):
    outcomes = handler.predict_many([rows(1), rows(2, 3), rows(4)])
    assert recorder.calls == [((4, 3), None)]
    assert [list(outcome) for outcome in outcomes] == [[3.0], [6.0, 9.0], [12.0]]


def test_other_widths_columns_and_cell_types_are_predicted_apart(handler, recorder):
    named = ["a", "b", "c"]
    text = Batch(np.array([["M", 1.0, 2.0]], dtype=object), None)
    batches = [rows(1), rows(1, width=2), rows(1, columns=named), text, rows(2), rows(3, columns=named), text]
    outcomes = handler.predict_many(batches)
    # One call per kind: numeric width 3 (two requests), width 2, named columns (two) and text
    # (two, which fails, so each text request is then tried alone).
    expected = [((2, 3), None), ((1, 2), None), ((2, 3), named), ((2, 3), None), ((1, 3), None), ((1, 3), None)]
    assert sorted(recorder.calls, key=repr) == sorted(expected, key=repr)
    assert [list(outcomes[index]) for index in (0, 1, 2, 4, 5)] == [[3.0], [2.0], [3.0], [6.0], [9.0]]
    assert isinstance(outcomes[3], RequestError) and isinstance(outcomes[6], RequestError)


def test_a_stacked_call_holds_at_most_max_rows(handler, recorder):
    handler.predict_many([rows(*range(3)), rows(*range(3)), rows(*range(3))], max_rows=6)
    assert [shape for shape, _columns in recorder.calls] == [(6, 3), (3, 3)]


def test_a_failing_stacked_call_is_retried_per_request_so_only_the_bad_one_fails(handler, recorder):
    recorder.refuse_negative = True
    outcomes = handler.predict_many([rows(1), rows(-1), rows(2)])
    assert isinstance(outcomes[1], RequestError) and outcomes[1].status == 400
    assert list(outcomes[0]) == [3.0] and list(outcomes[2]) == [6.0]
    assert [shape for shape, _columns in recorder.calls] == [(3, 3), (1, 3), (1, 3), (1, 3)]


def test_a_framework_that_answers_the_wrong_count_is_predicted_per_request(handler, monkeypatch):
    calls = []

    def one_answer(model, batch, columns):
        calls.append(len(batch))
        return np.zeros(1)

    monkeypatch.setattr(model_handler.framework, "predict", one_answer)
    outcomes = handler.predict_many([rows(1), rows(2)])
    assert calls == [2, 1, 1]
    assert [len(outcome) for outcome in outcomes] == [1, 1]


def test_merge_requests_false_keeps_every_request_in_its_own_call(handler, recorder, monkeypatch):
    monkeypatch.setattr(model_handler, "MERGE_REQUESTS", False)
    handler.predict_many([rows(1), rows(2), rows(3)])
    assert [shape for shape, _columns in recorder.calls] == [(1, 3)] * 3


def test_concurrent_threads_share_calls_get_their_own_answers_and_never_overlap(handler, recorder):
    recorder.delay = 0.02
    batcher = batching.ThreadBatcher(handler.predict_many)
    results = {}

    def ask(value):
        results[value] = list(batcher.predict(rows(value)))

    threads = [threading.Thread(target=ask, args=(value,)) for value in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert results == {value: [3.0 * value] for value in range(12)}
    assert recorder.peak == 1, "one call at a time per worker"
    assert len(recorder.calls) < 12, "requests that waited were stacked"


def test_a_lone_request_is_predicted_without_waiting(handler, recorder):
    batcher = batching.ThreadBatcher(handler.predict_many)
    started = time.monotonic()
    assert list(batcher.predict(rows(5))) == [15.0]
    assert time.monotonic() - started < 0.5
    assert recorder.calls == [((1, 3), None)]


def test_asyncio_requests_that_arrive_together_are_one_call(handler, recorder):
    async def main():
        batcher = batching.AsyncBatcher(handler.predict_many)
        first = await asyncio.gather(*(batcher.predict(rows(value)) for value in range(5)))
        second = await batcher.predict(rows(7))
        return first, second

    first, second = asyncio.run(main())
    assert [list(outcome) for outcome in first] == [[3.0 * value] for value in range(5)]
    assert list(second) == [21.0]
    assert [shape for shape, _columns in recorder.calls] == [(5, 3), (1, 3)]


def test_asyncio_errors_reach_only_their_request(handler, recorder):
    recorder.refuse_negative = True

    async def main():
        batcher = batching.AsyncBatcher(handler.predict_many)
        return await asyncio.gather(batcher.predict(rows(1)), batcher.predict(rows(-1)))

    good, bad = asyncio.run(main())
    assert list(good) == [3.0]
    assert isinstance(bad, RequestError)
