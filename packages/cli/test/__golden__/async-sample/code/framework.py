"""scikit-learn's side of the handler contract (see code/model_handler.py): load and predict.

The model is a fitted estimator or Pipeline saved with joblib.dump or pickle; joblib.load reads
both. Loading unpickles: it runs code from the file, so serve only models you trust.
"""

import weakref
from pathlib import Path

import joblib

import fast_trees

MODEL_FILE = "model.joblib"
# Fitted estimators only read their state in predict; threads may share one.
THREAD_SAFE = True


# model -> its faster predict for small batches (code/fast_trees.py), when it has one.
FAST_PATHS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def load(model_dir: str) -> object:
    model = joblib.load(Path(model_dir) / MODEL_FILE)
    try:
        fast = fast_trees.compile_model(model)
        if fast is not None:
            FAST_PATHS[model] = fast
    except TypeError:  # an object that cannot be weakly referenced: scikit-learn predicts
        pass
    return model


def features(model, batch, columns):
    """The batch as the model was fitted: a DataFrame with its column names when it had them."""
    names = getattr(model, "feature_names_in_", None)
    if names is None or batch.shape[1] != len(names):
        return batch
    try:
        import pandas  # in requirements.txt for local models; the sample does not need it
    except ImportError:
        return batch
    names = [str(name) for name in names]
    if columns is not None and sorted(columns) == sorted(names):
        # The request named its columns: reorder them into the order the model was fitted in.
        frame = pandas.DataFrame(batch, columns=columns)[names]
    else:
        frame = pandas.DataFrame(batch, columns=names)
    # Numeric columns of an object batch (text elsewhere) become numbers again.
    return frame.infer_objects()


def predict(model, batch, columns):
    fast = FAST_PATHS.get(model) if len(batch) <= fast_trees.MAX_ROWS else None
    if fast is not None:
        return fast(features(model, batch, columns))
    return model.predict(features(model, batch, columns))
