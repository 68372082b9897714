import { OpenAPIHono } from '@hono/zod-openapi'
import type { Store } from '../db/store.ts'
import type { CoverageService } from '../coverage/coverage-service.ts'
import { validationHook } from './problem.ts'

/** Per-request variables every route can read. */
export interface AppEnv {
  Variables: { store: Store; coverage: CoverageService }
}

/** A router whose validation failures are written as problem+json. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
}
