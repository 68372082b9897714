import { useMemo } from 'react'
import QRCode from 'qrcode'

/** Modules of white margin around the code, as the QR specification asks. */
const QUIET_ZONE = 4

/**
 * A QR code drawn as one SVG path, made here in the browser (no service sees the URL).
 * Error correction M: it survives a smudged screen and still fits a long finder link.
 */
export function QrCode({ text, sizePx, label }: { text: string; sizePx: number; label: string }) {
  const { size, d } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
    let path = ''
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`
      }
    }
    return { size: modules.size + 2 * QUIET_ZONE, d: path }
  }, [text])
  return (
    <svg
      className="kiosk-qr"
      role="img"
      aria-label={label}
      width={sizePx}
      height={sizePx}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  )
}
