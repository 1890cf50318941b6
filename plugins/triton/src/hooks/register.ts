import { defineRegisterHook } from '@mcc/sdk';

// Kept tiny: listing and help load this module only; the server loads on first use.
export default defineRegisterHook(({ registry }) => {
  registry.add('server', {
    id: 'triton',
    summary:
      'NVIDIA Triton Inference Server (FIL, ONNX Runtime, TensorFlow, PyTorch, Python, vLLM, TensorRT-LLM) behind its SageMaker front end',
    load: async () => (await import('../server.js')).tritonServer,
  });
});
