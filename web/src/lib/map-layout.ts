import { forceCollide, forceLink, forceManyBody, forceRadial, forceSimulation, type Simulation } from 'd3-force'

/** A peer on the network map. */
export interface MapPeer {
  peerId: string
  /** Routing-table bucket as the DHT reports it: 255 − bits shared with our ID (log2 of the XOR distance). */
  bucketIndex: number
  addresses: string[]
  /** An open transfer connection (from `peers.watch`). */
  connected: boolean
  rttMs: number
  bytesInPerSecond: number
  bytesOutPerSecond: number
}

/** A laid-out node; `x`/`y` are relative to the centre, where this peer sits. */
export interface MapNode extends MapPeer {
  self: boolean
  x: number
  y: number
  vx?: number
  vy?: number
  fx?: number | null
  fy?: number | null
  /** Ring radius of its bucket. */
  ring: number
}

/** Innermost and outermost ring radii, px. */
const RING_MIN_PX = 70
const RING_GAP_PX = 46

/**
 * Ring radius per bucket: the nearest bucket present (lowest index, most bits shared) is the
 * inner ring, so the drawing reads like XOR distance: peers close to us in key space sit close to
 * the centre. Only buckets that hold peers get a ring.
 */
export function ringRadii(buckets: Iterable<number>): Map<number, number> {
  const sorted = [...new Set(buckets)].sort((a, b) => a - b)
  return new Map(sorted.map((b, i) => [b, RING_MIN_PX + i * RING_GAP_PX]))
}

/**
 * Force-directed layout of this peer's overlay neighbourhood (d3-force): every contact is linked
 * to us and pulled to its bucket's ring; collisions keep 200+ nodes apart. `update()` keeps the
 * positions of peers that stay, so the graph moves (rather than jumps) as peers join and leave.
 */
export class MapLayout {
  readonly simulation: Simulation<MapNode, undefined>
  private nodes: MapNode[] = []
  private byId = new Map<string, MapNode>()
  private radii = new Map<number, number>()

  constructor(private readonly selfId: string) {
    const self: MapNode = {
      peerId: selfId,
      bucketIndex: -1,
      addresses: [],
      connected: false,
      rttMs: 0,
      bytesInPerSecond: 0,
      bytesOutPerSecond: 0,
      self: true,
      x: 0,
      y: 0,
      fx: 0,
      fy: 0,
      ring: 0,
    }
    this.nodes = [self]
    this.byId.set(selfId, self)
    this.simulation = forceSimulation<MapNode>(this.nodes)
      .force('charge', forceManyBody<MapNode>().strength(-18).distanceMax(160))
      .force(
        'collide',
        forceCollide<MapNode>((n) => (n.self ? 16 : 9)),
      )
      .force(
        'ring',
        forceRadial<MapNode>((n) => n.ring, 0, 0).strength((n) => (n.self ? 0 : 0.35)),
      )
      .alphaDecay(0.03)
      .stop()
  }

  /** Replaces the set of peers; returns the ids that joined and left. */
  update(peers: MapPeer[]): { added: string[]; removed: string[] } {
    const incoming = new Map(peers.filter((p) => p.peerId !== this.selfId).map((p) => [p.peerId, p]))
    const removed = [...this.byId.keys()].filter((id) => id !== this.selfId && !incoming.has(id))
    const added: string[] = []
    this.radii = ringRadii([...incoming.values()].map((p) => p.bucketIndex))
    for (const id of removed) this.byId.delete(id)
    for (const [id, p] of incoming) {
      const ring = this.radii.get(p.bucketIndex) ?? RING_MIN_PX
      const existing = this.byId.get(id)
      if (existing) Object.assign(existing, p, { ring })
      else {
        // Enter from just outside the ring at a stable angle, then settle.
        const angle = angleOf(id)
        this.byId.set(id, {
          ...p,
          self: false,
          ring,
          x: Math.cos(angle) * (ring + 40),
          y: Math.sin(angle) * (ring + 40),
        })
        added.push(id)
      }
    }
    this.nodes = [...this.byId.values()]
    this.simulation.nodes(this.nodes)
    this.simulation.force(
      'link',
      forceLink<MapNode, { source: string; target: string }>(
        this.nodes.filter((n) => !n.self).map((n) => ({ source: this.selfId, target: n.peerId })),
      )
        .id((n) => n.peerId)
        .distance((l) => (l.target as unknown as MapNode).ring)
        .strength(0.02),
    )
    if (added.length || removed.length) this.simulation.alpha(Math.max(this.simulation.alpha(), 0.6))
    return { added, removed }
  }

  /** Current nodes (this peer first). */
  all(): readonly MapNode[] {
    return this.nodes
  }

  /** Ring radius per bucket index. */
  rings(): ReadonlyMap<number, number> {
    return this.radii
  }

  /** The node under a point (layout coordinates), within `radius` px. */
  nodeAt(x: number, y: number, radius = 10): MapNode | undefined {
    let best: MapNode | undefined
    let bestD = radius * radius
    for (const n of this.nodes) {
      const d = (n.x - x) ** 2 + (n.y - y) ** 2
      if (d <= bestD) {
        best = n
        bestD = d
      }
    }
    return best
  }
}

/** A stable angle for a peer id, so a peer always enters from the same side. */
function angleOf(id: string): number {
  let h = 0
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0
  return (h / 0xffffffff) * Math.PI * 2
}

/** Synthetic peers for `/map?demo=N` (and the map benchmark): buckets as a real table fills them. */
export function demoPeers(count: number, seed = 1): MapPeer[] {
  let x = seed >>> 0 || 1
  const rand = () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 0x100000000
  }
  const perBucket = new Map<number, number>()
  const out: MapPeer[] = []
  for (let i = 0; i < count; i++) {
    // Half the key space is in bucket 255, a quarter in bucket 254, ...; a bucket holds k = 20.
    let bucket = 255 - Math.floor(-Math.log2(rand() || 1e-9))
    while ((perBucket.get(bucket) ?? 0) >= 20) bucket--
    perBucket.set(bucket, (perBucket.get(bucket) ?? 0) + 1)
    const id = Array.from({ length: 64 }, () => Math.floor(rand() * 16).toString(16)).join('')
    out.push({
      peerId: id,
      bucketIndex: bucket,
      addresses: [`10.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}:7100`],
      connected: rand() < 0.1,
      rttMs: 5 + rand() * 120,
      bytesInPerSecond: 0,
      bytesOutPerSecond: 0,
    })
  }
  return out
}
