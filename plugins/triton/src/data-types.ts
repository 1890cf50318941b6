/** Triton's tensor data types, as config.pbtxt spells them without the `TYPE_` prefix. */
export const DATA_TYPES = [
  'BOOL',
  'UINT8',
  'UINT16',
  'UINT32',
  'UINT64',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'FP16',
  'FP32',
  'FP64',
  'BF16',
  'STRING',
] as const;

export type DataType = (typeof DATA_TYPES)[number];
