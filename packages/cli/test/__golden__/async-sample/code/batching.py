"""Lets requests that reach one worker together share one prediction call.

A model's fixed cost per call (input checks, a Python loop over trees, framework dispatch) is most
of what one row costs: the sample's 200-tree model predicts 8 rows in about the time it takes for
one. So each worker predicts for whatever requests are waiting at once (ModelHandler.predict_many
stacks them), and the next round takes whatever arrived meanwhile. Nothing waits on a timer: an
idle worker predicts a lone request at once, and a busy one batches exactly as much as queued up.

ThreadBatcher serves the Flask layer (code/gevent_server.py, whose monkey-patching makes its
locks and events cooperative; plain threads work too), AsyncBatcher the FastAPI one (an asyncio
event loop per process).
"""

import asyncio
import sys
import threading
import time
from typing import Any, Callable, List

from payloads import Batch

PredictMany = Callable[[List[Batch]], List[Any]]
# Turns of the event loop (or of the other threads) a leader lets pass before a round, so that
# requests whose bytes have already arrived are parsed and join it; it stops once a turn adds none.
GATHER_TURNS = 4


class _Slot:
    """One request's place in the queue: its batch, then its outcome."""

    __slots__ = ("batch", "outcome", "done", "lead")

    def __init__(self, batch: Batch) -> None:
        self.batch = batch
        self.outcome: Any = None
        self.done = threading.Event()
        self.lead = False  # set instead of an outcome: this request's thread runs the next round


class ThreadBatcher:
    """Leader and followers among the worker's request threads.

    The first thread to arrive at an idle batcher leads: it lets the others that are reading their
    requests join, predicts for every request queued, its own first, hands each follower its
    outcome, and, if more queued meanwhile, makes the oldest of those the next leader before
    returning. So one thread at a time calls the model, and no thread serves rounds for others
    after its own request is answered. Under gevent the "threads" are greenlets.
    """

    def __init__(self, predict_many: PredictMany) -> None:
        self._predict_many = predict_many
        self._gather = _gevent_gather() or self._gather_turns
        self._lock = threading.Lock()
        self._queue: List[_Slot] = []
        self._leading = False

    def predict(self, batch: Batch) -> Any:
        slot = _Slot(batch)
        with self._lock:
            self._queue.append(slot)
            lead = not self._leading
            self._leading = True
        if not lead:
            slot.done.wait()
            if not slot.lead:
                return slot.outcome
        # Leading: the queue's oldest request is this one (a new leader finds the queue empty;
        # a handed-over one was the oldest left), so this round answers it.
        self._gather()
        with self._lock:
            taken, self._queue = self._queue, []
        try:
            outcomes = self._predict_many([each.batch for each in taken])
        except Exception as error:  # predict_many catches per request; this is a last resort
            outcomes = [error] * len(taken)
        for each, outcome in zip(taken, outcomes):
            each.outcome = outcome
            if each is not slot:
                each.done.set()
        with self._lock:
            if self._queue:
                successor = self._queue[0]
                successor.lead = True
                successor.done.set()
            else:
                self._leading = False
        return slot.outcome

    def _gather_turns(self) -> None:
        """With threads: yield to the others while that adds requests to the queue."""
        seen = -1
        for _turn in range(GATHER_TURNS):
            if len(self._queue) == seen:
                return
            seen = len(self._queue)
            time.sleep(0)


def _gevent_gather():
    """Under gevent's monkey-patching (code/gevent_server.py), gevent.idle, else None.

    gevent.idle returns once the event loop has run everything that is ready, so every request
    whose bytes have arrived has been read and queued. That also keeps the worker fair: yielding
    only to greenlets already runnable (sleep(0)) leaves sockets with data waiting, and measured
    under load some connections then waited 50 times longer than the rest.
    """
    gevent = sys.modules.get("gevent")
    if gevent is None:
        return None
    from gevent import monkey

    return gevent.idle if monkey.is_module_patched("threading") else None


class AsyncBatcher:
    """Rounds on one asyncio event loop: requests queue a future, one task predicts for the queue.

    The prediction runs on the loop itself (the process is one worker), so while it runs, new
    requests wait in the socket; when it ends, the loop reads them before the next round.
    """

    def __init__(self, predict_many: PredictMany) -> None:
        self._predict_many = predict_many
        self._queue: list = []
        self._draining = False

    async def predict(self, batch: Batch) -> Any:
        future = asyncio.get_running_loop().create_future()
        self._queue.append((batch, future))
        if not self._draining:
            self._draining = True
            asyncio.get_running_loop().create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        try:
            while self._queue:
                seen = -1
                for _turn in range(GATHER_TURNS):
                    if len(self._queue) == seen:
                        break
                    seen = len(self._queue)
                    await asyncio.sleep(0)
                taken, self._queue = self._queue, []
                try:
                    outcomes = self._predict_many([batch for batch, _future in taken])
                except Exception as error:  # predict_many catches per request; a last resort
                    outcomes = [error] * len(taken)
                for (_batch, future), outcome in zip(taken, outcomes):
                    if not future.done():  # a request whose client left is cancelled
                        future.set_result(outcome)
        finally:
            self._draining = False
