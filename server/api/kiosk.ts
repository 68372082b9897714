import { createRoute } from '@hono/zod-openapi'
import { KioskConfigSchema } from '../domain/kiosk.ts'
import { createRouter } from './env.ts'
import { jsonResponse, problemResponses } from './responses.ts'

/** A kiosk dims and drifts after this many idle timeouts without a touch. */
const DIM_AFTER_IDLES = 5

const configRoute = createRoute({
  method: 'get',
  path: '/api/kiosk/config',
  summary: "The kiosk page's settings: the public URL for QR codes and its idle timings",
  responses: { ...jsonResponse(KioskConfigSchema, 'Kiosk settings'), ...problemResponses },
})

/** localhost, 127.0.0.0/8 and ::1: names a phone scanning the QR code would not reach. */
const isLocalHost = (hostname: string) =>
  hostname === 'localhost' ||
  hostname.endsWith('.localhost') ||
  /^127(\.\d{1,3}){3}$/.test(hostname) ||
  hostname === '[::1]'

export const kioskApi = createRouter().openapi(configRoute, (c) => {
  const { publicUrl, idleS, refreshS } = c.var.kiosk
  const url = publicUrl ?? new URL(c.req.url).origin
  return c.json(
    {
      publicUrl: url,
      publicUrlIsLocal: isLocalHost(new URL(url).hostname),
      idleS,
      dimS: idleS * DIM_AFTER_IDLES,
      refreshS,
    },
    200,
  )
})
