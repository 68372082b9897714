import type { Map as MapLibreMap } from 'maplibre-gl'
import { STATION_KINDS } from '../../server/domain/vocabularies.ts'
import { KIND_COLORS, KIND_GLYPHS } from '../ui/icons.tsx'
import { LABEL_FONT_CSS } from '../../server/domain/map-fonts.ts'
import { kindImage } from './layers.ts'

/**
 * Marker images drawn on a canvas at run time, so the map needs no sprite sheet (and no
 * network): a coloured disc with one white character per kind, and a childcare marker.
 */
function drawMarker(fill: string, glyph: string, ratio: number, sizePx = 30): ImageData {
  const size = Math.round(sizePx * ratio)
  const canvas = document.createElement('canvas')
  canvas.width = canvas.height = size
  const ctx = canvas.getContext('2d')!
  const r = size / 2
  ctx.beginPath()
  ctx.arc(r, r, r - 1.5 * ratio, 0, Math.PI * 2)
  ctx.fillStyle = fill
  ctx.fill()
  ctx.lineWidth = 2.5 * ratio
  ctx.strokeStyle = '#ffffff'
  ctx.stroke()
  ctx.fillStyle = '#ffffff'
  ctx.font = `bold ${Math.round(16 * ratio)}px ${LABEL_FONT_CSS}`
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillText(glyph, r, r + 1 * ratio)
  return ctx.getImageData(0, 0, size, size)
}

export function addMarkerImages(map: MapLibreMap): void {
  const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1))
  for (const kind of STATION_KINDS) {
    const id = kindImage(kind)
    if (!map.hasImage(id)) {
      map.addImage(id, drawMarker(KIND_COLORS[kind], KIND_GLYPHS[kind], ratio), {
        pixelRatio: ratio,
      })
    }
  }
  if (!map.hasImage('class-open'))
    map.addImage('class-open', drawMarker('#be185d', '托', ratio, 32), { pixelRatio: ratio })
  if (!map.hasImage('class-full'))
    map.addImage('class-full', drawMarker('#6b7280', '满', ratio, 28), { pixelRatio: ratio })
}
