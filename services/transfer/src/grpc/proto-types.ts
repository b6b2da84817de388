import type { TransferProto } from '@netswarm/proto'
import type { grpc } from '@netswarm/runtime'

type V1 = TransferProto['netswarm']['transfer']['v1']

/** A message type as sent (what handlers return / clients pass). */
export type In<K extends keyof V1> = V1[K] extends { serialize: (value: infer T) => Buffer } ? T : never
/** A message type as received (defaults filled, int64 as string). */
export type Out<K extends keyof V1> = V1[K] extends { deserialize: (bytes: Buffer) => infer T } ? T : never

export type TransferServiceClient = InstanceType<V1['TransferService']>
export type TransferServiceDefinition = V1['TransferService']['service']
export type Unary<Req extends keyof V1, Res extends keyof V1> = grpc.handleUnaryCall<Out<Req>, In<Res>>
export type ServerStream<Req extends keyof V1, Res extends keyof V1> = grpc.handleServerStreamingCall<Out<Req>, In<Res>>
export type ClientStream<Req extends keyof V1, Res extends keyof V1> = grpc.handleClientStreamingCall<Out<Req>, In<Res>>
