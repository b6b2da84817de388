import { stat } from 'node:fs/promises'
import { type NameView, parseShareLink, type VersionView } from '@netswarm/gateway'
import type { ApiClient } from '../api-client.ts'
import { CliError, EXIT } from '../exit-codes.ts'
import { printJson, table } from '../format.ts'
import { uploadFile } from './add.ts'

interface JsonOption {
  json?: boolean
}

const enc = encodeURIComponent

/** Splits `name@N` into the name and version number. */
export function splitVersion(text: string): { name: string; sequence?: number } {
  const at = text.lastIndexOf('@')
  if (at <= 0) return { name: text }
  const sequence = Number(text.slice(at + 1))
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new CliError(`"${text}": the version after @ must be a number >= 1`, EXIT.USAGE)
  }
  return { name: text.slice(0, at), sequence }
}

/** The key of a name given as a local label, a key, a netswarm://name/ link or an /n/ URL. */
export async function nameKeyOf(api: ApiClient, name: string): Promise<string> {
  const link = /\/n\/([^/?#]+)/.exec(name)?.[1] ?? (name.startsWith('netswarm://name/') ? name.slice(16) : undefined)
  if (link) return link.split('/')[0]
  if (/^b[a-z2-7]{52}$/.test(name)) return name
  const { names } = await api.json<{ names: NameView[] }>('/api/v1/names')
  const found = names.find((n) => n.label === name)
  if (!found) throw new CliError(`no name labelled "${name}" on this peer (netswarm name list)`, EXIT.NOT_FOUND)
  return found.key
}

export async function nameCreateCommand(api: ApiClient, label: string, options: JsonOption): Promise<void> {
  const name = await api.json<NameView>('/api/v1/names', {
    method: 'POST',
    auth: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ label }),
  })
  if (options.json) return printJson(name)
  process.stdout.write(`created name ${name.label}\nlink  ${name.link}\nurl   ${api.url}${name.path}\n`)
}

export async function nameListCommand(api: ApiClient, options: JsonOption): Promise<void> {
  const { names } = await api.json<{ names: NameView[] }>('/api/v1/names')
  if (options.json) return printJson({ names })
  if (names.length === 0) {
    process.stdout.write('no names yet (netswarm name create <label>)\n')
    return
  }
  process.stdout.write(
    `${table(
      ['LABEL', 'LINK'],
      names.map((n) => [n.label, n.link]),
    )}\n`,
  )
}

export async function nameRemoveCommand(api: ApiClient, label: string): Promise<void> {
  await api.request(`/api/v1/names/${enc(label)}`, { method: 'DELETE', auth: true })
  process.stdout.write(`removed name ${label} (its published versions stay readable)\n`)
}

/** `netswarm publish <cid|file> --name <label>`: uploads a file if given one, then publishes. */
export async function publishCommand(
  api: ApiClient,
  target: string,
  options: JsonOption & { name: string; message?: string },
): Promise<void> {
  let cid: string
  const info = await stat(target).catch(() => undefined)
  if (info?.isFile()) cid = (await uploadFile(api, target, { quiet: options.json })).cid
  else if (info?.isDirectory()) {
    // A folder goes up as a backup does: only what the peer lacks, then published.
    const { backupCommand } = await import('./backup.ts')
    return backupCommand(api, target, { name: options.name, message: options.message, json: options.json })
  } else {
    try {
      cid = parseShareLink(target)
    } catch (err) {
      throw new CliError(`"${target}" is neither a file nor a CID: ${(err as Error).message}`, EXIT.USAGE)
    }
  }
  const version = await publishVersion(api, options.name, cid, options.message)
  if (options.json) return printJson(version)
  process.stdout.write(
    `published ${options.name} version ${version.sequence}\ncid   ${version.cid}\nlink  ${version.link}\n`,
  )
}

/** Publishes `cid` as the next version of a local name. */
export function publishVersion(api: ApiClient, label: string, cid: string, message?: string) {
  return api.json<VersionView & { key: string; link: string; url: string }>(`/api/v1/names/${enc(label)}/versions`, {
    method: 'POST',
    auth: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cid, message }),
  })
}

/** The version `sequence` of a name, or its newest. */
export async function resolveVersion(
  api: ApiClient,
  name: string,
  sequence?: number,
): Promise<VersionView & { key: string }> {
  const key = await nameKeyOf(api, name)
  if (sequence !== undefined)
    return { ...(await api.json<VersionView>(`/api/v1/names/${key}/versions/${sequence}`)), key }
  const resolved = await api.json<{ key: string; latest: VersionView }>(`/api/v1/names/${key}`)
  return { ...resolved.latest, key }
}

export async function resolveCommand(api: ApiClient, nameText: string, options: JsonOption): Promise<void> {
  const { name, sequence } = splitVersion(nameText)
  const version = await resolveVersion(api, name, sequence)
  if (options.json) return printJson(version)
  process.stdout.write(`${version.cid}\n`)
}

export async function historyCommand(api: ApiClient, name: string, options: JsonOption): Promise<void> {
  const key = await nameKeyOf(api, name)
  const history = await api.json<{ key: string; link: string; versions: VersionView[] }>(
    `/api/v1/names/${key}/versions`,
  )
  if (options.json) return printJson(history)
  const rows = history.versions.map((v) => [
    String(v.sequence),
    new Date(v.timeMs).toISOString(),
    v.chunks === null ? '?' : `${v.sharedChunks}/${v.chunks}`,
    v.cid,
    v.message,
  ])
  process.stdout.write(`${history.link}\n${table(['VERSION', 'DATE', 'SHARED', 'CID', 'MESSAGE'], rows)}\n`)
}
