import { OpenAPIHono } from '@hono/zod-openapi'
import type { Store } from '../db/store.ts'
import type { CoverageService } from '../coverage/coverage-service.ts'
import type { KioskSettings } from '../settings.ts'
import type { TileService } from '../tiles/tile-service.ts'
import type { StationHeads } from './station-heads.ts'
import { validationHook } from './problem.ts'
import type { User } from '../domain/account.ts'

/** How this app recognises its bootstrap admin (WAYSTATION_ADMIN_TOKEN). */
export interface AuthSettings {
  /** Hex SHA-256 of the token; null when the server has none. */
  bootstrapDigest: string | null
}

/** Per-request variables every route can read. */
export interface AppEnv {
  Variables: {
    store: Store
    coverage: CoverageService
    kiosk: KioskSettings
    tiles: TileService
    auth: AuthSettings
    /** The nearby route's kept station features, for this app's store. */
    stationHeads: StationHeads
    /**
     * The account the request acts for: set by requireUser / signedIn() (server/auth/) on the
     * routes that need one, absent elsewhere.
     */
    user: User
    /**
     * The instant "now" answers are evaluated at (opening hours, open now): the start of the
     * request's minute. Hours change only on minute boundaries, so an answer made for this
     * minute is exact for all of it, and the response cache keys time-dependent answers on it.
     */
    now: Date
  }
}

/** The start of the minute `date` falls in. */
export const minuteOf = (date: Date) => new Date(Math.floor(date.getTime() / 60_000) * 60_000)

/** A router whose validation failures are written as problem+json. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
}
