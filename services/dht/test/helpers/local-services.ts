/** DHT services in this process on 127.0.0.1 (ephemeral ports), with a typed client each. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateIdentity } from '@netswarm/identity'
import { createDhtClient, createDhtService, type DhtClient, type DhtService } from '../../src/index.ts'

export interface LocalServices {
  services: DhtService[]
  clients: DhtClient[]
  stop(): Promise<void>
}

/**
 * Starts `count` services, the others bootstrapping from the first, and resolves once all are
 * bootstrapped. `serviceAddresses` are the first one's.
 */
export async function startLocalServices(count: number, serviceAddresses: string[] = []): Promise<LocalServices> {
  const dir = mkdtempSync(join(tmpdir(), 'netswarm-dht-svc-'))
  const services: DhtService[] = []
  for (let i = 0; i < count; i++) {
    const s = createDhtService(
      { identity: generateIdentity() },
      {
        dataDir: join(dir, String(i)),
        listen: '127.0.0.1:0',
        grpcListen: '127.0.0.1:0',
        metricsListen: '127.0.0.1:0',
        bootstrap: i === 0 ? [] : [services[0].wireAddress],
        serviceAddresses: i === 0 ? serviceAddresses : [],
        logLevel: 'silent',
      },
    )
    await s.start()
    services.push(s)
  }
  await Promise.all(services.map((s) => s.bootstrapped))
  const clients = services.map((s) => createDhtClient(s.grpcAddress))
  return {
    services,
    clients,
    async stop() {
      for (const c of clients) c.close()
      await Promise.all(services.map((s) => s.stop()))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
