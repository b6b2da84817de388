/**
 * Network map benchmark (npm run bench:console-map): is the console's live map smooth with 200
 * known peers? Opens `/p/0/map?demo=N` in headless chromium (synthetic routing table, one peer
 * leaves and one joins every 1.5 s, so the force layout keeps moving) and measures, over
 * MEASURE_MS: frame intervals (requestAnimationFrame) and the cost of one moving frame (layout
 * tick + canvas drawing, the page's own `data-frame-ms`). Baseline: the same page with 20 peers.
 * ratio = frame cost with 200 peers / with 20. A 60 Hz frame has 16.7 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { CHROMIUM_OPTIONS } from '../test/e2e/helpers/browser.ts'
import { ensureBuild, startConsole } from '../web/scripts/console.mjs'

const MEASURE_MS = Number(process.env.NETSWARM_MAP_BENCH_MS ?? 4000)
const SIZES = [20, 200]

/** In-page: frame intervals over `ms`, and the map's mean cost per moving frame. */
function measureScript(ms: number): string {
  return `new Promise((resolve) => {
    const gaps = []
    let last = performance.now()
    const end = last + ${ms}
    const step = (now) => {
      gaps.push(now - last)
      last = now
      if (now < end) requestAnimationFrame(step)
      else resolve({ gaps, cost: Number(document.querySelector('[data-testid=map-canvas]').dataset.frameMs) })
    }
    requestAnimationFrame(step)
  })`
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]
}

await ensureBuild({ log: (l) => console.log(l) })
// The demo map needs no gateway; an unreachable one only makes the header say so.
const server = await startConsole({ gateways: ['http://127.0.0.1:9'] })
const profile = mkdtempSync(join(tmpdir(), 'netswarm-bench-pw-'))
const context = await chromium.launchPersistentContext(profile, CHROMIUM_OPTIONS)
const results = new Map<number, { fps: number; p95: number; cost: number }>()
try {
  for (const n of SIZES) {
    const page = await context.newPage()
    await page.goto(`${server.url}/p/0/map?demo=${n}`)
    await page.locator(`[data-testid=map-canvas][data-node-count="${n + 1}"]`).waitFor()
    const { gaps, cost } = (await page.evaluate(measureScript(MEASURE_MS))) as { gaps: number[]; cost: number }
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length
    const r = { fps: 1000 / mean, p95: quantile(gaps, 0.95), cost }
    results.set(n, r)
    console.log(
      `${String(n).padStart(4)} peers: ${r.fps.toFixed(1)} frames/s, p95 frame interval ${r.p95.toFixed(1)} ms, ` +
        `moving frame cost ${r.cost.toFixed(2)} ms (tick + draw)`,
    )
    await page.close()
  }
} finally {
  await context.close()
  rmSync(profile, { recursive: true, force: true })
  await server.stop()
}
const base = results.get(SIZES[0])!
const big = results.get(SIZES[1])!
console.log(
  `frame cost 200 vs 20 peers: ${(big.cost / base.cost).toFixed(2)}x; 200 peers use ${((big.cost / 16.7) * 100).toFixed(0)}% of a 60 Hz frame`,
)
console.log(`ratio ${(big.cost / base.cost).toFixed(2)}`)
