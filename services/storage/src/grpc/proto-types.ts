import type { StorageProto } from '@netswarm/proto'
import type { grpc } from '@netswarm/runtime'

type V1 = StorageProto['netswarm']['storage']['v1']

/** A message type as sent (what handlers return / clients pass). */
export type In<K extends keyof V1> = V1[K] extends { serialize: (value: infer T) => Buffer } ? T : never
/** A message type as received (defaults filled, int64 as string). */
export type Out<K extends keyof V1> = V1[K] extends { deserialize: (bytes: Buffer) => infer T } ? T : never

/** The generated client class of the storage service. */
export type StorageServiceClient = InstanceType<V1['StorageService']>

/** The service definition to register on a server. */
export type StorageServiceDefinition = V1['StorageService']['service']

export type Unary<Req extends keyof V1, Res extends keyof V1> = grpc.handleUnaryCall<Out<Req>, In<Res>>
export type ServerStream<Req extends keyof V1, Res extends keyof V1> = grpc.handleServerStreamingCall<Out<Req>, In<Res>>
export type BidiStream<Req extends keyof V1, Res extends keyof V1> = grpc.handleBidiStreamingCall<Out<Req>, In<Res>>
