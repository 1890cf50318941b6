// @mcc/plugin-sglang: being written (issue 5).
export {};
