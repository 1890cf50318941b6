// @mcc/sdk/llm: being written (issue 5).
export {};
