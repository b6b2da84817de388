/** Regenerates src/chunker/fastcdc-wasm.generated.ts from src/chunker/fastcdc.wat. */
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { assembleFastCdcWasm, GENERATED_PATH, renderGeneratedModule } from './wasm-assembler.ts'

const wasm = await assembleFastCdcWasm()
await writeFile(GENERATED_PATH, renderGeneratedModule(wasm))
console.log(`wrote ${fileURLToPath(GENERATED_PATH)} (${wasm.length} bytes of wasm)`)
