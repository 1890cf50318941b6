// @mcc/sdk/serving-properties: being written (issue 5).
export {};
