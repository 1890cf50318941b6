// @mcc/plugin-djl: being written (issue 5).
export {};
