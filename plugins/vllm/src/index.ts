// @mcc/plugin-vllm: being written (issue 5).
export {};
