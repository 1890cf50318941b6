"""scikit-learn's side of the handler contract (see code/model_handler.py): load and predict.

The model is a fitted estimator or Pipeline saved with joblib.dump or pickle; joblib.load reads
both. Loading unpickles: it runs code from the file, so serve only models you trust.
"""

from pathlib import Path

import joblib

MODEL_FILE = "model.joblib"
# Fitted estimators only read their state in predict; threads may share one.
THREAD_SAFE = True


def load(model_dir: str) -> object:
    return joblib.load(Path(model_dir) / MODEL_FILE)


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
    return model.predict(features(model, batch, columns))
