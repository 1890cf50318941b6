import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A stand-in `tensorflow` package: TensorFlow cannot be installed on the machines these tests run
 * on. It records every call in `tensorflow.CALLS` (loader, path, the array a model received) and
 * its models answer the row sums (keras) or row sums and their doubles (SavedModel, two outputs),
 * so a test can check what code/framework.py did without the real framework.
 */
const STUB = `
import os
import numpy as np

CALLS = []
WIDTH = int(os.environ.get("STUB_WIDTH", "0")) or None
float32 = type("DType", (), {"as_numpy_dtype": np.float32, "name": "float32"})()


class Tensor:
    def __init__(self, value):
        self.value = np.asarray(value)

    def numpy(self):
        return self.value


def constant(value, dtype=None):
    array = np.asarray(value.value if isinstance(value, Tensor) else value)
    CALLS.append(("constant", array.dtype.name, array.shape, array.flags["C_CONTIGUOUS"]))
    return Tensor(array)


class Shaped:
    def __init__(self, shape, dtype=None):
        self.shape = shape
        self.dtype = dtype


class _Threading:
    @staticmethod
    def set_intra_op_parallelism_threads(n):
        CALLS.append(("intra", n))

    @staticmethod
    def set_inter_op_parallelism_threads(n):
        CALLS.append(("inter", n))


class config:
    threading = _Threading


class KerasModel:
    def __init__(self):
        self.inputs = [Shaped((None, WIDTH))]

    def __call__(self, x, training=None):
        CALLS.append(("keras_call", x.value.copy(), training))
        return Tensor(x.value.sum(axis=1, keepdims=True))


def _load_model(path, compile=True):
    CALLS.append(("load_model", path, compile))
    return KerasModel()


class keras:
    class models:
        load_model = staticmethod(_load_model)


class Signature:
    structured_input_signature = ((), {"features": Shaped((None, WIDTH), float32)})

    def __call__(self, **kwargs):
        (name, x), = kwargs.items()
        CALLS.append(("signature_call", name, x.value.copy()))
        total = x.value.sum(axis=1, keepdims=True)
        return {"output_1": Tensor(total * 2), "output_0": Tensor(total)}


class Loaded:
    signatures = {"serving_default": Signature()}


def _load(path):
    CALLS.append(("saved_model_load", path))
    return Loaded()


class saved_model:
    load = staticmethod(_load)
`;

/** Writes the stand-in package into a fresh folder and returns that folder (for PYTHONPATH). */
export async function writeTensorflowStub(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'mcc-tf-stub-'));
  await mkdir(join(root, 'tensorflow'));
  await writeFile(join(root, 'tensorflow', '__init__.py'), STUB);
  return root;
}
