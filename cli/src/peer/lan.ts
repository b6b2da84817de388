/**
 * Whether `netswarm node` runs LAN discovery. `--lan` / `--no-lan` decide; without either it is on
 * unless the peer listens on loopback only: a loopback address announced on the LAN is unreachable
 * from other machines (they would dial their own 127.0.0.1), so the only peers it could join are
 * other local ones, and merging separate local peers and test runs is exactly what must not happen.
 */
export function lanDiscoveryEnabled(flag: boolean | undefined, host: string): boolean {
  return flag ?? !isLoopbackHost(host)
}

/** `localhost`, `127.0.0.0/8` and `::1`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
}
