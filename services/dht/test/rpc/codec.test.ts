import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as cbor from '@ipld/dag-cbor'
import fc from 'fast-check'
import {
  DhtCodecError,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  MAX_MESSAGE_BYTES,
} from '../../src/rpc/codec.ts'
import type { DhtRequest, DhtResponse, RequestEnvelope } from '../../src/rpc/messages.ts'

const key = fc.uint8Array({ minLength: 32, maxLength: 32 })
const address = fc.string({ minLength: 1, maxLength: 40 })
const addresses = fc.array(address, { maxLength: 4 })
const peer = fc.record({ id: key, addresses }, { noNullPrototype: true })
const peers = fc.array(peer, { maxLength: 20 })
const count = fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined })
const record = fc.record(
  {
    publicKey: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    sequence: fc.maxSafeNat(),
    value: fc.uint8Array({ maxLength: 200 }),
    signature: fc.uint8Array({ minLength: 64, maxLength: 64 }),
  },
  { noNullPrototype: true },
)

const withCount = <T extends object>(r: T, n: number | undefined): T => (n === undefined ? r : { ...r, count: n })

const request: fc.Arbitrary<DhtRequest> = fc.oneof(
  fc.constant<DhtRequest>({ type: 'PING' }),
  fc.tuple(key, count).map(([target, n]) => withCount<DhtRequest>({ type: 'FIND_NODE', target }, n)),
  fc.tuple(key, count).map(([k, n]) => withCount<DhtRequest>({ type: 'GET_PROVIDERS', key: k }, n)),
  key.map((k): DhtRequest => ({ type: 'ADD_PROVIDER', key: k })),
  fc.tuple(key, count).map(([k, n]) => withCount<DhtRequest>({ type: 'GET_RECORD', key: k }, n)),
  record.map((r): DhtRequest => ({ type: 'PUT_RECORD', record: r })),
)

const response: fc.Arbitrary<DhtResponse> = fc.oneof(
  fc.constant<DhtResponse>({ type: 'PONG' }),
  peers.map((closer): DhtResponse => ({ type: 'NODES', closer })),
  fc.tuple(peers, peers).map(([providers, closer]): DhtResponse => ({ type: 'PROVIDERS', providers, closer })),
  fc
    .tuple(fc.option(record, { nil: undefined }), peers)
    .map(
      ([r, closer]): DhtResponse =>
        r === undefined ? { type: 'RECORD', closer } : { type: 'RECORD', record: r, closer },
    ),
  fc.boolean().map((stored): DhtResponse => ({ type: 'OK', stored })),
  fc
    .tuple(
      fc.constantFrom('MALFORMED_MESSAGE', 'RATE_LIMITED', 'INVALID_RECORD', 'STORE_FULL', 'INTERNAL' as const),
      fc.string({ maxLength: 100 }),
    )
    .map(([code, message]): DhtResponse => ({ type: 'ERROR', code, message })),
)

test('requests round-trip through the codec', () => {
  fc.assert(
    fc.property(addresses, request, (sender, req) => {
      const envelope: RequestEnvelope = { sender, request: req }
      assert.deepEqual(decodeRequest(encodeRequest(envelope)), envelope)
    }),
  )
})

test('responses round-trip through the codec', () => {
  fc.assert(
    fc.property(response, (res) => {
      assert.deepEqual(decodeResponse(encodeResponse(res)), res)
    }),
  )
})

test('garbage and truncated input fail with DhtCodecError only', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      for (const decode of [decodeRequest, decodeResponse]) {
        try {
          decode(bytes)
        } catch (err) {
          assert.ok(err instanceof DhtCodecError, String(err))
        }
      }
    }),
  )
  fc.assert(
    fc.property(addresses, request, fc.nat(), (sender, req, cut) => {
      const bytes = encodeRequest({ sender, request: req })
      const truncated = bytes.subarray(0, cut % bytes.length)
      assert.throws(() => decodeRequest(truncated), DhtCodecError)
    }),
  )
})

test('well-formed CBOR with wrong shapes is refused with a reason', () => {
  const bad = [
    { v: 2, t: 'PING', s: [] },
    { v: 1, t: 'NOPE', s: [] },
    { v: 1, t: 'FIND_NODE', s: [], k: new Uint8Array(31) },
    { v: 1, t: 'FIND_NODE', s: [], k: new Uint8Array(32), n: 41 },
    { v: 1, t: 'PING', s: ['a', 'b', 'c', 'd', 'e'] },
    { v: 1, t: 'PUT_RECORD', s: [], r: [new Uint8Array(32), -1, new Uint8Array(0), new Uint8Array(64)] },
    { v: 1, t: 'PUT_RECORD', s: [], r: [new Uint8Array(32), 1, new Uint8Array(2000), new Uint8Array(64)] },
    [1, 2, 3],
  ]
  for (const b of bad) assert.throws(() => decodeRequest(cbor.encode(b)), DhtCodecError)
  assert.throws(
    () => decodeResponse(cbor.encode({ v: 1, t: 'NODES', c: Array(41).fill([new Uint8Array(32), []]) })),
    DhtCodecError,
  )
  assert.throws(() => decodeRequest(new Uint8Array(MAX_MESSAGE_BYTES + 1)), DhtCodecError)
})

test('golden bytes: a FIND_NODE request encodes deterministically', () => {
  const target = new Uint8Array(32).fill(0xab)
  const hex = Buffer.from(
    encodeRequest({ sender: ['127.0.0.1:4001'], request: { type: 'FIND_NODE', target } }),
  ).toString('hex')
  assert.equal(hex, `a4616b5820${'ab'.repeat(32)}6173816e3132372e302e302e313a3430303161746946494e445f4e4f4445617601`)
})
