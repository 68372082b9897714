import { isIP } from 'node:net'
import path from 'node:path'

/** Everything the server reads from its environment, checked before anything starts. */
export interface Settings {
  port: number
  /** Interface to bind; undefined binds every interface (Node's default, `::` or 0.0.0.0). */
  host: string | undefined
  /** Holds the SQLite database (unless databaseUrl is set) and the coverage grids; created if missing. */
  dataDir: string
  /** DATABASE_URL: a PostgreSQL + PostGIS database to use instead of the SQLite file; null: SQLite. */
  databaseUrl: string | null
  /** What a new database starts with besides the counties: the sample records, or none. */
  seed: SeedChoice
  /** A client must send a request's headers within this, or its connection is closed. */
  headersTimeoutMs: number
  /** ...and the whole request within this. */
  requestTimeoutMs: number
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number
  /** Connections beyond this many are refused (closed on accept). */
  maxConnections: number
  /** On SIGTERM/SIGINT, requests in flight get this long to finish before being cut. */
  shutdownGraceMs: number
  kiosk: KioskSettings
  /** Bearer token for `POST /api/import`; null (unset) turns that route off. */
  adminToken: string | null
  /** Largest `POST /api/import` body. */
  importMaxBytes: number
  /** Origins besides our own whose pages may write (CORS); reads are open to every origin. */
  allowedOrigins: string[]
  /** Reverse proxies whose X-Forwarded-For names the client (rate limits key on the client). */
  trustedProxies: string[]
}

export const SEED_CHOICES = ['sample', 'none'] as const
export type SeedChoice = (typeof SEED_CHOICES)[number]

export interface KioskSettings {
  /** The origin phones reach the finder at, for kiosk QR codes; null: the request's own. */
  publicUrl: string | null
  /** Seconds without a touch before a kiosk returns home; it dims after five times this. */
  idleS: number
  /** Seconds between a kiosk's data refreshes. */
  refreshS: number
}

export const DEFAULT_KIOSK_SETTINGS: KioskSettings = { publicUrl: null, idleS: 60, refreshS: 60 }

/** A setting with a bad value: the message names the variable and what it must be. */
export class SettingsError extends Error {}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  [min, max]: readonly [number, number],
): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new SettingsError(
      `${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`,
    )
  }
  return value
}

/** An http(s) origin, optionally with a path prefix; no query or fragment. */
function publicUrl(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name]
  if (raw === undefined || raw === '') return null
  let url: URL | null = null
  try {
    url = new URL(raw)
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search !== '' || url.hash !== '') {
    throw new SettingsError(
      `${name} must be an http(s) URL without query or fragment, got ${JSON.stringify(raw)}`,
    )
  }
  return url.href.replace(/\/+$/, '')
}

/** Comma-separated http(s) origins, each exactly as a browser sends it in `Origin`. */
function origins(env: NodeJS.ProcessEnv, name: string): string[] {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return []
  return raw.split(',').map((part) => {
    const value = part.trim()
    let url: URL | null = null
    try {
      url = new URL(value)
    } catch {
      // reported below
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== value) {
      throw new SettingsError(
        `${name} must be comma-separated origins such as https://union.example.cn ` +
          `(scheme, host and port only), got ${JSON.stringify(value)}`,
      )
    }
    return value
  })
}

const MS = [1, 3_600_000] as const

function seedChoice(raw: string | undefined): SeedChoice {
  if (raw === undefined || raw === '') return 'sample'
  const choice = SEED_CHOICES.find((c) => c === raw)
  if (choice) return choice
  throw new SettingsError(
    `WAYSTATION_SEED must be one of ${SEED_CHOICES.join(', ')}, got ${JSON.stringify(raw)}`,
  )
}

/** A guessable token would open every write: at least 32 characters, printable, no blanks. */
function adminToken(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null
  if (!/^[\x21-\x7e]{32,}$/.test(raw)) {
    throw new SettingsError(
      'WAYSTATION_ADMIN_TOKEN must be at least 32 printable ASCII characters without blanks ' +
        '(e.g. `openssl rand -hex 32`)',
    )
  }
  return raw
}

/** Comma-separated IP addresses (IPv4 or IPv6); unset or empty: none. */
function ipList(env: NodeJS.ProcessEnv, name: string): string[] {
  const raw = env[name]?.trim() ?? ''
  if (raw === '') return []
  const list = raw.split(',').map((a) => a.trim().toLowerCase())
  const bad = list.find((a) => isIP(a) === 0)
  if (bad !== undefined) {
    throw new SettingsError(
      `${name} must be comma-separated IP addresses of proxies, got ${JSON.stringify(bad)}`,
    )
  }
  return list
}

/** Unset or empty: SQLite. Otherwise a postgres:// (or postgresql://) URL. */
function databaseUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null
  if (!/^postgres(ql)?:\/\//.test(raw.trim())) {
    throw new SettingsError(
      'DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:port/database), or unset for SQLite',
    )
  }
  return raw.trim()
}

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const settings: Settings = {
    port: integer(env, 'PORT', 8080, [1, 65535]),
    host: env.HOST === undefined || env.HOST === '' ? undefined : env.HOST,
    dataDir: path.resolve(env.WAYSTATION_DATA_DIR || 'var'),
    databaseUrl: databaseUrl(env.DATABASE_URL),
    seed: seedChoice(env.WAYSTATION_SEED),
    adminToken: adminToken(env.WAYSTATION_ADMIN_TOKEN),
    importMaxBytes: integer(env, 'WAYSTATION_IMPORT_MAX_BYTES', 64 * 2 ** 20, [1024, 2 ** 30]),
    allowedOrigins: origins(env, 'WAYSTATION_ALLOWED_ORIGINS'),
    headersTimeoutMs: integer(env, 'WAYSTATION_HEADERS_TIMEOUT_MS', 10_000, MS),
    requestTimeoutMs: integer(env, 'WAYSTATION_REQUEST_TIMEOUT_MS', 30_000, MS),
    keepAliveTimeoutMs: integer(env, 'WAYSTATION_KEEP_ALIVE_TIMEOUT_MS', 5_000, MS),
    maxConnections: integer(env, 'WAYSTATION_MAX_CONNECTIONS', 1_000, [1, 1_000_000]),
    shutdownGraceMs: integer(env, 'WAYSTATION_SHUTDOWN_GRACE_MS', 10_000, [0, 3_600_000]),
    trustedProxies: ipList(env, 'WAYSTATION_TRUSTED_PROXIES'),
    kiosk: {
      publicUrl: publicUrl(env, 'WAYSTATION_PUBLIC_URL'),
      idleS: integer(env, 'WAYSTATION_KIOSK_IDLE_S', DEFAULT_KIOSK_SETTINGS.idleS, [1, 86_400]),
      refreshS: integer(
        env,
        'WAYSTATION_KIOSK_REFRESH_S',
        DEFAULT_KIOSK_SETTINGS.refreshS,
        [1, 86_400],
      ),
    },
  }
  // Node refuses a header deadline later than the whole-request one.
  if (settings.headersTimeoutMs > settings.requestTimeoutMs) {
    throw new SettingsError(
      `WAYSTATION_HEADERS_TIMEOUT_MS (${settings.headersTimeoutMs}) must not exceed ` +
        `WAYSTATION_REQUEST_TIMEOUT_MS (${settings.requestTimeoutMs})`,
    )
  }
  return settings
}
