/**
 * The web app's pages by path (hono patterns): the server serves the app for these, 404 for
 * anything else. A kiosk opens at a park (`/kiosk/<parkId>`) or at a point (`/kiosk?lat=…`).
 */
export const PAGE_PATHS = {
  finder: '/',
  planner: '/planner',
  kiosk: '/kiosk',
  kioskPark: '/kiosk/:parkId',
} as const
