import { secureHeaders } from 'hono/secure-headers'

/**
 * Security headers for every answer, API and web. The Content-Security-Policy is as tight as
 * the pages allow:
 * - scripts from our origin only, none inline (the API docs page loads its start-up file);
 * - MapLibre starts its workers from blob: URLs and uploads images from data:/blob: URLs;
 * - inline styles are allowed: Observable Plot writes a <style> element into every chart, and
 *   a style cannot run code;
 * - an online basemap (WAYSTATION_BASEMAP_STYLE) adds its style's origin to connect-src and
 *   img-src; tiles it loads from further origins would need adding too.
 * No Strict-Transport-Security: this server speaks plain HTTP, and HSTS belongs to whatever
 * terminates TLS in front of it.
 */
export function securityHeaders({ styleUrl }: { styleUrl?: string } = {}) {
  const basemap = originOf(styleUrl)
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      workerSrc: ["'self'", 'blob:'],
      childSrc: ["'self'", 'blob:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:', ...basemap],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", ...basemap],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    // Sends only our origin to the map and navigation sites a page links to (which may check
    // it for an API key), never a URL holding the user's position.
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: false,
    // The finder's "locate me" needs geolocation; nothing needs the rest.
    permissionsPolicy: {
      geolocation: ['self'],
      camera: [],
      microphone: [],
      payment: [],
      usb: [],
      browsingTopics: [],
    },
  })
}

/** The origin of an absolute http(s) URL, as a CSP source; nothing for a relative or bad one. */
function originOf(url: string | undefined): string[] {
  if (!url) return []
  try {
    const { protocol, origin } = new URL(url)
    return protocol === 'http:' || protocol === 'https:' ? [origin] : []
  } catch {
    return []
  }
}
