import { z } from 'zod'

/** What a kiosk page needs from the server beyond the data: where phones reach it, timings. */
export const KioskConfigSchema = z.object({
  /**
   * The finder's public origin (scheme, host, port, no trailing slash) for the QR codes:
   * WAYSTATION_PUBLIC_URL, else the origin this request came to.
   */
  publicUrl: z.string(),
  /** True when publicUrl names this machine (localhost, 127.x, ::1): a phone cannot reach it. */
  publicUrlIsLocal: z.boolean(),
  /** Seconds without a touch before the kiosk returns to its home view. */
  idleS: z.number().int().positive(),
  /** Seconds without a touch before it dims and drifts to spare the screen. */
  dimS: z.number().int().positive(),
  /** Seconds between data refreshes (sooner while the server cannot be reached). */
  refreshS: z.number().int().positive(),
})
export type KioskConfig = z.infer<typeof KioskConfigSchema>
