"""code/fast_trees.py gives scikit-learn's own answers, or stands aside.

Models are fitted here on random data with missing values, so these tests need no model file.
"""

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor, RandomForestRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import fast_trees
import framework

WIDTH = 5


def data(seed=1, rows=400):
    rng = np.random.default_rng(seed)
    features = rng.normal(size=(rows, WIDTH))
    target = features[:, 0] * 3 + np.sin(features[:, 1]) + rng.normal(scale=0.1, size=rows)
    features[rng.random(features.shape) < 0.1] = np.nan
    return features, target


def rows_to_ask(count, seed=2):
    rng = np.random.default_rng(seed)
    asked = rng.normal(size=(count, WIDTH)) * 2
    gaps = rng.random(asked.shape)
    asked[gaps < 0.1] = np.nan
    asked[(gaps >= 0.1) & (gaps < 0.12)] = np.inf
    return asked


@pytest.mark.parametrize("loss", ["squared_error", "absolute_error", "poisson"])
def test_a_regressor_gets_scikit_learns_answers_for_every_small_batch(loss):
    features, target = data()
    if loss == "poisson":
        target = np.abs(target)
    model = HistGradientBoostingRegressor(loss=loss, max_iter=60, random_state=0).fit(features, target)
    fast = fast_trees.compile_model(model)
    assert fast is not None
    for count in (1, 2, 7, fast_trees.MAX_ROWS):
        asked = rows_to_ask(count, seed=count)
        np.testing.assert_allclose(fast(asked), model.predict(asked), rtol=1e-9, atol=1e-12)


def test_a_pipeline_ending_in_the_regressor_runs_its_steps_first():
    features, target = data()
    model = make_pipeline(StandardScaler(), HistGradientBoostingRegressor(max_iter=40, random_state=0)).fit(features, target)
    fast = fast_trees.compile_model(model)
    assert fast is not None
    asked = rows_to_ask(9)
    asked[np.isinf(asked)] = np.nan  # the scaler refuses infinity
    np.testing.assert_allclose(fast(asked), model.predict(asked), rtol=1e-9, atol=1e-12)


def test_a_batch_of_the_wrong_width_is_refused_like_scikit_learn_refuses_it():
    features, target = data()
    fast = fast_trees.compile_model(HistGradientBoostingRegressor(max_iter=10).fit(features, target))
    with pytest.raises(ValueError, match="expects 5 features"):
        fast(np.zeros((1, 3)))


def test_other_models_are_left_to_scikit_learn(monkeypatch):
    features, target = data()
    labels = (target > 0).astype(int)
    categorical = HistGradientBoostingRegressor(categorical_features=[0], max_iter=5)
    whole = np.nan_to_num(features)
    whole[:, 0] = np.abs(whole[:, 0] * 3).astype(int)
    assert fast_trees.compile_model(HistGradientBoostingClassifier(max_iter=5).fit(features, labels)) is None
    assert fast_trees.compile_model(RandomForestRegressor(n_estimators=3).fit(np.nan_to_num(features), target)) is None
    assert fast_trees.compile_model(categorical.fit(whole, target)) is None
    monkeypatch.setenv("MCC_FAST_TREES", "0")
    assert fast_trees.compile_model(HistGradientBoostingRegressor(max_iter=5).fit(features, target)) is None


def test_a_walk_that_disagrees_with_scikit_learn_is_never_used(monkeypatch, capsys):
    features, target = data()
    model = HistGradientBoostingRegressor(max_iter=20).fit(features, target)
    walk = fast_trees.TreeArrays.raw
    monkeypatch.setattr(fast_trees.TreeArrays, "raw", lambda self, rows: walk(self, rows) + 1e-6)
    assert fast_trees.compile_model(model) is None
    assert "differs from scikit-learn" in capsys.readouterr().err


def test_the_framework_takes_the_fast_path_for_small_batches_only(tmp_path, monkeypatch):
    import joblib

    features, target = data()
    joblib.dump(HistGradientBoostingRegressor(max_iter=20).fit(features, target), tmp_path / framework.MODEL_FILE)
    model = framework.load(str(tmp_path))
    assert model in framework.FAST_PATHS
    used = []
    real = framework.FAST_PATHS[model]
    framework.FAST_PATHS[model] = lambda rows: used.append(len(rows)) or real(rows)
    small, large = rows_to_ask(fast_trees.MAX_ROWS), rows_to_ask(fast_trees.MAX_ROWS + 1)
    np.testing.assert_allclose(framework.predict(model, small, None), model.predict(small), rtol=1e-9)
    np.testing.assert_allclose(framework.predict(model, large, None), model.predict(large), rtol=1e-9)
    assert used == [fast_trees.MAX_ROWS]
