"""A faster predict for small batches of a HistGradientBoostingRegressor (alone or last in a Pipeline).

scikit-learn predicts tree by tree: for a 200-tree model that is 200 calls, about 0.85 ms for one
row however cheap each tree is. Here all trees are walked at once with numpy (one array operation
per tree level for every tree and row), about 0.13 ms for one row and still cheaper up to about 30
rows; larger batches go to scikit-learn, which is faster there.

It is used only when it gives scikit-learn's own answers: at load, both predict a set of probe rows
built around the model's split thresholds (with missing and infinite values), and any difference
beyond float rounding (the sums are added in another order) leaves the model to scikit-learn.
Categorical splits, classifiers and models this does not recognise are always left to it.
Set MCC_FAST_TREES=0 to turn it off.
"""

import os
import sys
from typing import Callable, Optional

import numpy as np

# Batches up to this many rows take the fast path; measured faster up to about 30.
MAX_ROWS = 16
PROBE_ROWS = 256
# Relative difference allowed against scikit-learn: float64 sums in another order, no more.
TOLERANCE = 1e-9

Predict = Callable[[object], np.ndarray]


def log(message: str) -> None:
    print(f"fast_trees: {message}", file=sys.stderr, flush=True)


class TreeArrays:
    """Every tree's nodes in flat arrays; a leaf points to itself so extra steps stay on it."""

    def __init__(self, predictors: list) -> None:
        nodes = [predictor.nodes for predictor in predictors]
        sizes = [len(tree) for tree in nodes]
        starts = np.cumsum([0] + sizes[:-1]).astype(np.intp)
        flat = np.concatenate(nodes)
        shift = np.repeat(starts, sizes)
        leaf = flat["is_leaf"].astype(bool)
        own = np.arange(len(flat), dtype=np.intp)
        self.roots = starts
        self.feature = np.where(leaf, 0, flat["feature_idx"]).astype(np.intp)
        self.threshold = np.where(leaf, np.inf, flat["num_threshold"]).astype(np.float64)
        self.missing_left = flat["missing_go_to_left"].astype(bool)
        self.left = np.where(leaf, own, flat["left"].astype(np.intp) + shift)
        self.right = np.where(leaf, own, flat["right"].astype(np.intp) + shift)
        self.value = flat["value"].astype(np.float64)
        self.depth = int(flat["depth"].max())
        self.n_features = int(self.feature.max()) + 1

    def raw(self, rows: np.ndarray) -> np.ndarray:
        """The sum of every tree's leaf value for each row (scikit-learn's raw score minus its baseline)."""
        count, width = rows.shape
        cells = rows.ravel()
        row_start = (np.arange(count, dtype=np.intp) * width)[:, None]
        node = np.tile(self.roots, (count, 1))
        for _level in range(self.depth):
            value = cells[row_start + self.feature[node]]
            left = (value <= self.threshold[node]) | (np.isnan(value) & self.missing_left[node])
            node = np.where(left, self.left[node], self.right[node])
        return self.value[node].sum(axis=1)


def regressor_parts(model):
    """(steps before the regressor or None, the regressor) when the model is one we can speed up."""
    steps = getattr(model, "steps", None)
    if steps:
        head, last = model[:-1], steps[-1][1]
    else:
        head, last = None, model
    if type(last).__name__ != "HistGradientBoostingRegressor":
        return None
    if getattr(last, "_preprocessor", None) is not None:  # categorical columns found by dtype
        return None
    categorical = getattr(last, "is_categorical_", None)
    if categorical is not None and np.any(categorical):
        return None
    return head, last


def probes(trees: TreeArrays, width: int, seed: int = 0) -> np.ndarray:
    """Rows whose values sit on, just below and just above the model's thresholds, and gaps."""
    rng = np.random.default_rng(seed)
    rows = rng.normal(size=(PROBE_ROWS, width))
    for column in range(width):
        used = trees.threshold[(trees.feature == column) & np.isfinite(trees.threshold)]
        if used.size:
            picked = rng.choice(used, PROBE_ROWS)
            nudge = rng.choice([-1.0, 0.0, 1.0], PROBE_ROWS) * np.maximum(np.abs(picked), 1.0) * 1e-7
            rows[:, column] = picked + nudge
    gaps = rng.random(rows.shape)
    rows[gaps < 0.05] = np.nan
    rows[(gaps >= 0.05) & (gaps < 0.06)] = np.inf
    rows[(gaps >= 0.06) & (gaps < 0.07)] = -np.inf
    return rows


def compile_model(model) -> Optional[Predict]:
    """A drop-in `model.predict` for small batches, or None when scikit-learn should predict."""
    if os.environ.get("MCC_FAST_TREES", "1").strip() == "0":
        return None
    parts = regressor_parts(model)
    if parts is None:
        return None
    head, regressor = parts
    try:
        trees = TreeArrays([per_class[0] for per_class in regressor._predictors])
        baseline = float(np.asarray(regressor._baseline_prediction).ravel()[0])
        inverse = regressor._loss.link.inverse
        width = int(regressor.n_features_in_)
        if trees.n_features > width:
            return None
        check = probes(trees, width)
        ours = inverse(trees.raw(check) + baseline)
        theirs = regressor.predict(check)
    except Exception as error:  # internals of another scikit-learn release: let it predict
        log(f"off ({type(error).__name__}: {error}); scikit-learn predicts")
        return None
    if not np.allclose(ours, theirs, rtol=TOLERANCE, atol=TOLERANCE, equal_nan=True):
        worst = float(np.nanmax(np.abs(ours - theirs)))
        log(f"off (differs from scikit-learn by up to {worst:g} on probe rows); scikit-learn predicts")
        return None

    def predict(features) -> np.ndarray:
        rows = head.transform(features) if head is not None else features
        rows = np.ascontiguousarray(rows, dtype=np.float64)
        if rows.ndim != 2 or rows.shape[1] != width:
            raise ValueError(f"X has {rows.shape[-1]} features, but the model expects {width} features")
        return inverse(trees.raw(rows) + baseline)

    log(f"on for batches up to {MAX_ROWS} rows ({len(trees.roots)} trees, depth {trees.depth}, checked on {PROBE_ROWS} probe rows)")
    return predict
