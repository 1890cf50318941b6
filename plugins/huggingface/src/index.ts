// @mcc/plugin-huggingface: being written (issue 5).
export {};
