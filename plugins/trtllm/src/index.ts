// @mcc/plugin-trtllm: being written (issue 5).
export {};
