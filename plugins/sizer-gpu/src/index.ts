// @mcc/plugin-sizer-gpu: being written (issue 5).
export {};
