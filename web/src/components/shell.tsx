'use client'
import Link from 'next/link'
import { usePathname, useRouter } from 'next/navigation'
import type { ReactNode } from 'react'
import { ConsoleProvider, useConsole } from './console-context.tsx'
import { TokenPrompt } from './token-prompt.tsx'

const PAGES = [
  { path: '', label: 'Dashboard' },
  { path: '/files', label: 'Files' },
  { path: '/search', label: 'Search' },
  { path: '/open', label: 'Open a link' },
  { path: '/shared', label: 'Shared with me' },
  { path: '/transfers', label: 'Transfers' },
  { path: '/names', label: 'Names' },
  { path: '/peers', label: 'Peers' },
  { path: '/map', label: 'Network map' },
]

/** The frame of every page: header, navigation, peer switcher and the token prompt. */
export function Shell({ peer, gateways, children }: { peer: number; gateways: string[]; children: ReactNode }) {
  return (
    <ConsoleProvider peer={peer} gateways={gateways}>
      <Header />
      <main className="content">{children}</main>
      <TokenPrompt />
    </ConsoleProvider>
  )
}

function Header() {
  const { peer, gateways, token, askToken, forgetToken } = useConsole()
  const pathname = usePathname()
  const router = useRouter()
  const base = `/p/${peer}`
  const current = pathname.slice(base.length)
  return (
    <header className="topbar">
      <div className="topbar-row">
        <Link href={base} className="brand">
          <span className="logo" aria-hidden>
            ◎
          </span>{' '}
          NetSwarm
        </Link>
        <label className="peer-switch">
          <span className="muted">Peer</span>
          <select
            value={peer}
            data-testid="peer-switch"
            onChange={(e) => router.push(`/p/${e.target.value}${current}`)}
          >
            {gateways.map((url, i) => (
              <option key={url} value={i}>
                {i} — {url.replace(/^https?:\/\//, '')}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        {token === 'ok' ? (
          <button type="button" className="ghost small" onClick={() => void forgetToken()} title="Forget the token">
            Token set · forget
          </button>
        ) : token === 'not-required' ? (
          <span className="badge">open gateway</span>
        ) : token === 'unknown' ? null : token === 'unreachable' ? (
          <span className="badge failed">gateway unreachable</span>
        ) : (
          <button type="button" className="small" onClick={() => askToken()} data-testid="token-button">
            Enter token
          </button>
        )}
      </div>
      <nav className="tabs">
        {PAGES.map((p) => (
          <Link key={p.path} href={`${base}${p.path}`} className={current === p.path ? 'tab active' : 'tab'}>
            {p.label}
          </Link>
        ))}
      </nav>
    </header>
  )
}
