import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { test } from 'node:test'
import { assembleFastCdcWasm, GENERATED_PATH, renderGeneratedModule } from '../scripts/wasm-assembler.ts'
import { FASTCDC_WASM_BASE64 } from '../src/chunker/fastcdc-wasm.generated.ts'

test('the committed fastcdc wasm module is exactly what fastcdc.wat assembles to', async () => {
  const wasm = await assembleFastCdcWasm()
  assert.deepEqual(new Uint8Array(Buffer.from(FASTCDC_WASM_BASE64, 'base64')), wasm)
  assert.equal(await readFile(GENERATED_PATH, 'utf8'), renderGeneratedModule(wasm))
})
