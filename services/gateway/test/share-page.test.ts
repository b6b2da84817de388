import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import { generateReadKey, sealFile } from '@netswarm/content/private'
import fc from 'fast-check'
import { OPEN_CARRIER_SOURCE } from '../src/private/share-page.ts'

type OpenCarrier = (
  readRange: (offset: number, length: number) => Promise<Uint8Array>,
  total: number,
  key: Uint8Array,
) => Promise<{ name: string; mediaType: string; size: number; parts: Uint8Array[] }>

// The browser page's decryption, run on node's WebCrypto (the same API the browser offers).
const openCarrier = new Function(`${OPEN_CARRIER_SOURCE}; return openCarrier`)() as OpenCarrier

async function seal(data: Uint8Array, readKey: Uint8Array): Promise<Buffer> {
  const sealed = sealFile(
    (async function* () {
      yield data
    })(),
    { name: 'photo.jpg', mediaType: 'image/jpeg', readKey, segmentBytes: 4096 },
  )
  const parts: Uint8Array[] = []
  for await (const part of sealed.carrier) parts.push(part)
  return Buffer.concat(parts)
}

const rangeOf = (carrier: Uint8Array) => async (offset: number, length: number) =>
  carrier.slice(offset, offset + length)

test('the read-link page decrypts what sealFile wrote (WebCrypto, byte for byte)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 30_000 }), async (data) => {
      const key = generateReadKey()
      const carrier = await seal(data, key)
      const file = await openCarrier(rangeOf(carrier), carrier.length, key)
      assert.deepEqual(Buffer.concat(file.parts), Buffer.from(data))
      assert.equal(file.name, 'photo.jpg')
      assert.equal(file.mediaType, 'image/jpeg')
    }),
    { numRuns: 25 },
  )
})

test('the read-link page refuses a wrong key and a tampered segment', async () => {
  const key = generateReadKey()
  const carrier = await seal(randomBytes(20_000), key)
  await assert.rejects(openCarrier(rangeOf(carrier), carrier.length, generateReadKey()), { code: 'KEY' })
  const bad = Buffer.from(carrier)
  bad[44 + 5000] ^= 1
  await assert.rejects(openCarrier(rangeOf(bad), bad.length, key), { code: 'INTEGRITY', message: /segment 1/ })
})
