// Original file: proto/netswarm/transfer/v1/transfer.proto

export const TransferKind = {
  TRANSFER_KIND_UNSPECIFIED: 'TRANSFER_KIND_UNSPECIFIED',
  TRANSFER_KIND_FETCH: 'TRANSFER_KIND_FETCH',
  TRANSFER_KIND_REPLICATE: 'TRANSFER_KIND_REPLICATE',
  TRANSFER_KIND_PUBLISH: 'TRANSFER_KIND_PUBLISH',
} as const;

export type TransferKind =
  | 'TRANSFER_KIND_UNSPECIFIED'
  | 0
  | 'TRANSFER_KIND_FETCH'
  | 1
  | 'TRANSFER_KIND_REPLICATE'
  | 2
  | 'TRANSFER_KIND_PUBLISH'
  | 3

export type TransferKind__Output = typeof TransferKind[keyof typeof TransferKind]
