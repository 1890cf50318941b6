"""Triton Python backend model: a scikit-learn estimator answering INPUT__0 with OUTPUT__0.

Triton imports this file and calls TritonPythonModel.initialize once per instance, execute with
every batch of requests, and finalize on unload. The estimator is loaded from model.joblib next to this
file (joblib). Requests that Triton hands over together are stacked into one predict call, since a
call's fixed cost is most of what one row costs, and the predictions are split back per request.
"""

import json
import os

import joblib
import numpy as np
import triton_python_backend_utils as pb_utils

ARTIFACT = "model.joblib"
INPUT = "INPUT__0"
OUTPUT = "OUTPUT__0"


class TritonPythonModel:
    def initialize(self, args):
        config = json.loads(args["model_config"])
        output = pb_utils.get_output_config_by_name(config, OUTPUT)
        self.output_dtype = pb_utils.triton_string_to_numpy(output["data_type"])
        path = os.path.join(args["model_repository"], args["model_version"], ARTIFACT)
        self.model = joblib.load(path)

    def execute(self, requests):
        batches, errors = [], {}
        for index, request in enumerate(requests):
            rows = pb_utils.get_input_tensor_by_name(request, INPUT).as_numpy()
            if rows.ndim == 1:
                rows = rows.reshape(1, -1)
            n_features = getattr(self.model, "n_features_in_", rows.shape[1])
            if rows.ndim != 2 or rows.shape[1] != n_features:
                errors[index] = f"{INPUT} has shape {list(rows.shape)}; the model takes rows of {n_features} values"
            else:
                batches.append((index, rows))
        predictions = {}
        if batches:
            stacked = np.concatenate([rows for _, rows in batches])
            try:
                predicted = np.asarray(self.model.predict(stacked))
            except Exception as error:  # a bad value must fail its request, not the instance
                errors.update({index: f"prediction failed: {error}" for index, _ in batches})
            else:
                predicted = predicted.reshape(len(stacked), -1).astype(self.output_dtype)
                start = 0
                for index, rows in batches:
                    predictions[index] = predicted[start : start + len(rows)]
                    start += len(rows)
        responses = []
        for index in range(len(requests)):
            if index in errors:
                responses.append(pb_utils.InferenceResponse(output_tensors=[], error=pb_utils.TritonError(errors[index])))
            else:
                tensor = pb_utils.Tensor(OUTPUT, predictions[index])
                responses.append(pb_utils.InferenceResponse(output_tensors=[tensor]))
        return responses

    def finalize(self):
        self.model = None
