import { KIOSK_SW } from '../../server/domain/pages.ts'

/**
 * Installs the kiosk's service worker (tools/vite-kiosk-sw.ts), so that a reload with the
 * server down still shows the last data. A development server has no worker file: nothing
 * to install there, and a kiosk works without one.
 */
export function registerKioskServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return
  navigator.serviceWorker
    .register(`/${KIOSK_SW.file}`, { scope: KIOSK_SW.scope })
    .catch(() => undefined)
}
