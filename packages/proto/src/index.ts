import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as grpc from '@grpc/grpc-js'
import { loadSync, type Options } from '@grpc/proto-loader'
import type { ProtoGrpcType as DhtProto } from './gen/dht.ts'
import type { ProtoGrpcType as StorageProto } from './gen/storage.ts'
import type { ProtoGrpcType as TransferProto } from './gen/transfer.ts'

/** The repository's `proto/` folder: the contracts between a peer's services. */
export const PROTO_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'proto')

/** Options that match the generated types (camelCase fields, int64 as string, enums as strings). */
export const PROTO_LOADER_OPTIONS: Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_DIR],
}

function load<T>(file: string): T {
  return grpc.loadPackageDefinition(loadSync(file, PROTO_LOADER_OPTIONS)) as unknown as T
}

export const loadStorageProto = (): StorageProto => load<StorageProto>('netswarm/storage/v1/storage.proto')
export const loadDhtProto = (): DhtProto => load<DhtProto>('netswarm/dht/v1/dht.proto')
export const loadTransferProto = (): TransferProto => load<TransferProto>('netswarm/transfer/v1/transfer.proto')

export type { DhtProto, StorageProto, TransferProto }
