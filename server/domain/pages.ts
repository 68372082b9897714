/**
 * The web app's pages by path (hono patterns): the server serves the app for these, 404 for
 * anything else. A kiosk opens at a park (`/kiosk/<parkId>`) or at a point (`/kiosk?lat=…`).
 */
export const PAGE_PATHS = {
  finder: '/',
  planner: '/planner',
  kiosk: '/kiosk',
  kioskPark: '/kiosk/:parkId',
  admin: '/admin',
} as const

/**
 * The kiosk's service worker, at the root of the built app (tools/vite-kiosk-sw.ts) and
 * registered by the kiosk page alone, for the kiosk's pages alone.
 */
export const KIOSK_SW = { file: 'kiosk-sw.js', scope: PAGE_PATHS.kiosk } as const
