'use client'
import type { PeerView } from '@netswarm/gateway'
import { useSearchParams } from 'next/navigation'
import { useEffect, useMemo, useRef, useState } from 'react'
import { formatMs, formatRate, shortId } from '../lib/format.ts'
import { useSubscription } from '../lib/hooks.ts'
import { demoPeers, MapLayout, type MapNode, type MapPeer } from '../lib/map-layout.ts'
import { useConsole } from './console-context.tsx'
import { ErrorMessage } from './error-message.tsx'

interface TableSnapshot {
  selfPeerId: string
  contacts: { peerId: string; addresses: string[]; bucketIndex: number }[]
  replacements: number
}

/** Demo churn: one peer leaves and one joins every this many ms. */
const DEMO_CHURN_MS = 1500
const MAX_CANVAS_HEIGHT_PX = 560

function hue(bucket: number): number {
  return (bucket * 47 + 200) % 360
}

/**
 * The overlay around this peer, live: its routing table (`overlay.watchRoutingTable`) drawn as a
 * force-directed graph on a canvas, bucket rings around us, connection state from `peers.watch`.
 * `?demo=N` draws N synthetic peers with churn instead (to check the map with a large table).
 */
export function NetworkMap() {
  const { client } = useConsole()
  const params = useSearchParams()
  const demo = Number(params.get('demo') ?? 0)
  const [table, setTable] = useState<TableSnapshot>()
  const [stats, setStats] = useState<Map<string, PeerView>>(new Map())
  const tableError = useSubscription<TableSnapshot>(
    (h) => (demo > 0 ? { unsubscribe() {} } : client.overlay.watchRoutingTable.subscribe(undefined, h)),
    setTable,
    [client, demo],
  )
  const peersError = useSubscription<{ peers: PeerView[] }>(
    (h) => (demo > 0 ? { unsubscribe() {} } : client.peers.watch.subscribe(undefined, h)),
    (e) => setStats(new Map(e.peers.map((p) => [p.peerId, p]))),
    [client, demo],
  )
  useDemo(demo, setTable)

  const peers: MapPeer[] = useMemo(
    () =>
      (table?.contacts ?? []).map((c) => {
        const s = stats.get(c.peerId)
        return {
          peerId: c.peerId,
          bucketIndex: c.bucketIndex,
          addresses: c.addresses,
          connected: s?.connected ?? (demo > 0 && Number.parseInt(c.peerId.slice(0, 2), 16) < 24),
          rttMs: s?.rttMs ?? 0,
          bytesInPerSecond: s?.bytesInPerSecond ?? 0,
          bytesOutPerSecond: s?.bytesOutPerSecond ?? 0,
        }
      }),
    [table, stats, demo],
  )
  const [selected, setSelected] = useState<string>()
  const buckets = useMemo(() => {
    const by = new Map<number, MapPeer[]>()
    for (const p of peers) by.set(p.bucketIndex, [...(by.get(p.bucketIndex) ?? []), p])
    return [...by.entries()].sort((a, b) => a[0] - b[0])
  }, [peers])
  const selectedPeer = peers.find((p) => p.peerId === selected)

  return (
    <section>
      <h1>Network map</h1>
      <p className="muted">
        This peer in the centre; its routing-table contacts on one ring per DHT bucket (bucket = log2 of the XOR
        distance: inner rings are closer in key space). Green links are open transfer connections. Hover or click a peer
        for details.
      </p>
      <ErrorMessage error={tableError ?? peersError} />
      <div className="map-layout">
        {table ? (
          <MapCanvas selfId={table.selfPeerId} peers={peers} selected={selected} onSelect={setSelected} />
        ) : (
          <div className="map-wrap muted center">Loading the routing table…</div>
        )}
        <aside className="panel map-side">
          {selectedPeer ? (
            <div data-testid="map-details">
              <div className="row">
                <h3 className="grow">Peer</h3>
                <button type="button" className="ghost small" onClick={() => setSelected(undefined)} aria-label="Close">
                  ✕
                </button>
              </div>
              <PeerFacts p={selectedPeer} />
            </div>
          ) : (
            <p className="muted">Click a peer in the map or below.</p>
          )}
          <h3>
            Buckets <span className="muted">({peers.length} peers)</span>
          </h3>
          <div className="buckets" data-testid="buckets">
            {buckets.map(([index, list]) => (
              <details key={index} open={buckets.length <= 6} data-testid="bucket" data-bucket={index}>
                <summary>
                  <span className="swatch" style={{ background: `hsl(${hue(index)} 70% 50%)` }} /> bucket {index}{' '}
                  <span className="muted">· {list.length}</span>
                </summary>
                <ul className="plain">
                  {list.map((p) => (
                    <li key={p.peerId} data-peer-id={p.peerId} data-testid="map-peer">
                      <button type="button" className="link mono" onClick={() => setSelected(p.peerId)}>
                        {shortId(p.peerId, 10, 4)}
                      </button>
                      {p.connected && <span className="dot-ok" title="connected" />}
                    </li>
                  ))}
                </ul>
              </details>
            ))}
          </div>
        </aside>
      </div>
    </section>
  )
}

function PeerFacts({ p }: { p: MapPeer }) {
  return (
    <dl className="facts">
      <dt>ID</dt>
      <dd>
        <code className="wrap">{p.peerId}</code>
      </dd>
      <dt>Bucket</dt>
      <dd>{p.bucketIndex}</dd>
      <dt>Addresses</dt>
      <dd>{p.addresses.join(', ') || '—'}</dd>
      <dt>State</dt>
      <dd>{p.connected ? 'connected' : 'known'}</dd>
      <dt>RTT</dt>
      <dd>{formatMs(p.rttMs)}</dd>
      <dt>Traffic</dt>
      <dd>
        in {formatRate(p.bytesInPerSecond)} · out {formatRate(p.bytesOutPerSecond)}
      </dd>
    </dl>
  )
}

/** Synthetic routing table with churn for `?demo=N`. */
function useDemo(count: number, setTable: (t: TableSnapshot) => void) {
  useEffect(() => {
    if (count <= 0) return
    let peers = demoPeers(count)
    let seed = 7
    const push = () =>
      setTable({
        selfPeerId: 'f'.repeat(64),
        contacts: peers.map(({ peerId, addresses, bucketIndex }) => ({ peerId, addresses, bucketIndex })),
        replacements: 0,
      })
    push()
    const timer = setInterval(() => {
      // One leaves, a new one joins in a similar bucket.
      const [joined] = demoPeers(1, ++seed)
      peers = [...peers.slice(1), { ...joined, bucketIndex: peers[0].bucketIndex }]
      push()
    }, DEMO_CHURN_MS)
    return () => clearInterval(timer)
  }, [count, setTable])
}

/** The canvas: a frame loop that ticks the layout while it moves and redraws only when needed. */
function MapCanvas({
  selfId,
  peers,
  selected,
  onSelect,
}: {
  selfId: string
  peers: MapPeer[]
  selected: string | undefined
  onSelect: (id: string | undefined) => void
}) {
  const wrap = useRef<HTMLDivElement>(null)
  const canvas = useRef<HTMLCanvasElement>(null)
  const layout = useMemo(() => new MapLayout(selfId), [selfId])
  const [hover, setHover] = useState<{ node: MapNode; x: number; y: number }>()
  const [frameMs, setFrameMs] = useState(0)
  const view = useRef({
    width: 600,
    height: 480,
    scale: 1,
    dirty: true,
    selected,
    hovered: undefined as string | undefined,
  })
  view.current.selected = selected
  view.current.hovered = hover?.node.peerId
  // Redraw once when the highlight changes (the frame loop is idle while the layout is still).
  // biome-ignore lint/correctness/useExhaustiveDependencies: these values are what the drawing shows
  useEffect(() => {
    view.current.dirty = true
  }, [selected, hover])

  useEffect(() => {
    layout.update(peers)
    view.current.dirty = true
  }, [layout, peers])

  useEffect(() => {
    const el = wrap.current
    const cv = canvas.current
    if (!el || !cv) return
    const resize = () => {
      const width = el.clientWidth
      const height = Math.min(MAX_CANVAS_HEIGHT_PX, Math.max(320, Math.round(width * 0.75)))
      const dpr = window.devicePixelRatio || 1
      cv.width = Math.round(width * dpr)
      cv.height = Math.round(height * dpr)
      cv.style.width = `${width}px`
      cv.style.height = `${height}px`
      Object.assign(view.current, { width, height, dirty: true })
    }
    resize()
    const observer = new ResizeObserver(resize)
    observer.observe(el)
    let frame = 0
    let avg = 0
    let frames = 0
    const loop = () => {
      frame = requestAnimationFrame(loop)
      const sim = layout.simulation
      const moving = sim.alpha() > sim.alphaMin()
      if (!moving && !view.current.dirty) return
      const start = performance.now()
      if (moving) sim.tick()
      draw(cv, layout, view.current)
      view.current.dirty = false
      if (!moving) return
      // Cost of a moving frame (layout tick + drawing), shown in the legend and as data-frame-ms.
      avg = frames === 0 ? performance.now() - start : avg * 0.9 + (performance.now() - start) * 0.1
      if (++frames % 10 === 0) setFrameMs(Math.round(avg * 100) / 100)
    }
    frame = requestAnimationFrame(loop)
    return () => {
      cancelAnimationFrame(frame)
      observer.disconnect()
    }
  }, [layout])

  const toLayout = (clientX: number, clientY: number) => {
    const rect = canvas.current!.getBoundingClientRect()
    const { width, height, scale } = view.current
    return { x: (clientX - rect.left - width / 2) / scale, y: (clientY - rect.top - height / 2) / scale, rect }
  }

  return (
    <div className="map-wrap" ref={wrap}>
      <canvas
        ref={canvas}
        data-testid="map-canvas"
        data-node-count={peers.length + 1}
        data-frame-ms={frameMs.toFixed(2)}
        onMouseMove={(e) => {
          const { x, y, rect } = toLayout(e.clientX, e.clientY)
          const node = layout.nodeAt(x, y, 12 / view.current.scale)
          setHover(node ? { node, x: e.clientX - rect.left, y: e.clientY - rect.top } : undefined)
        }}
        onMouseLeave={() => setHover(undefined)}
        onClick={(e) => {
          const { x, y } = toLayout(e.clientX, e.clientY)
          const node = layout.nodeAt(x, y, 12 / view.current.scale)
          onSelect(node && !node.self ? node.peerId : undefined)
        }}
      />
      {hover && (
        <div className="tooltip" style={{ left: hover.x + 14, top: hover.y + 10 }} data-testid="map-tooltip">
          <strong>{hover.node.self ? 'this peer' : shortId(hover.node.peerId, 12, 6)}</strong>
          {!hover.node.self && (
            <div className="muted">
              bucket {hover.node.bucketIndex} · {hover.node.connected ? 'connected' : 'known'} · rtt{' '}
              {formatMs(hover.node.rttMs)}
              <br />
              {hover.node.addresses.join(', ')}
            </div>
          )}
        </div>
      )}
      <div className="map-legend muted">
        {peers.length + 1} nodes{frameMs > 0 ? ` · ${frameMs.toFixed(1)} ms/frame` : ''}
      </div>
    </div>
  )
}

function draw(
  cv: HTMLCanvasElement,
  layout: MapLayout,
  view: { width: number; height: number; scale: number; selected?: string; hovered?: string },
): void {
  const ctx = cv.getContext('2d')
  if (!ctx) return
  const dpr = cv.width / view.width
  const rings = layout.rings()
  const outer = Math.max(120, ...rings.values())
  view.scale = Math.min(view.width, view.height) / 2 / (outer + 28)
  const s = view.scale
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  ctx.clearRect(0, 0, view.width, view.height)
  ctx.translate(view.width / 2, view.height / 2)
  // Bucket rings and their labels.
  ctx.lineWidth = 1
  ctx.font = '11px system-ui, sans-serif'
  for (const [bucket, r] of rings) {
    ctx.strokeStyle = `hsla(${hue(bucket)}, 60%, 50%, 0.25)`
    ctx.beginPath()
    ctx.arc(0, 0, r * s, 0, Math.PI * 2)
    ctx.stroke()
    ctx.fillStyle = `hsla(${hue(bucket)}, 60%, 40%, 0.8)`
    ctx.fillText(`b${bucket}`, r * s * Math.SQRT1_2 + 3, -r * s * Math.SQRT1_2 - 3)
  }
  const nodes = layout.all()
  // Links from us to each contact: one path per colour class, so 200 links are 3 strokes.
  for (const connected of [false, true]) {
    ctx.beginPath()
    for (const n of nodes) {
      if (n.self || n.connected !== connected) continue
      ctx.moveTo(0, 0)
      ctx.lineTo(n.x * s, n.y * s)
    }
    ctx.strokeStyle = connected ? 'rgba(22, 163, 74, 0.75)' : 'rgba(100, 116, 139, 0.18)'
    ctx.lineWidth = connected ? 2 : 1
    ctx.stroke()
  }
  for (const n of nodes) {
    const r = n.self ? 11 : n.peerId === view.hovered || n.peerId === view.selected ? 7 : 5
    ctx.beginPath()
    ctx.arc(n.x * s, n.y * s, r, 0, Math.PI * 2)
    ctx.fillStyle = n.self ? '#2563eb' : `hsl(${hue(n.bucketIndex)}, 70%, 50%)`
    ctx.fill()
    if (n.peerId === view.selected || n.self) {
      ctx.lineWidth = 2
      ctx.strokeStyle = n.self ? '#1e3a8a' : '#0f172a'
      ctx.stroke()
    }
  }
}
