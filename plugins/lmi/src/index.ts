// @mcc/plugin-lmi: being written (issue 5).
export {};
