import { describe, expect, test } from 'vitest'
import { visiblePadding } from '../../web/finder/card-camera.ts'

// Rectangles measured from the finder at 390×844 (phone) and 1280×800 (desktop).
const phoneMap = { top: 118, right: 390, bottom: 489, left: 0 }
const desktopMap = { top: 56, right: 1280, bottom: 800, left: 420 }

/** Where a point framed with this padding lands: the centre of the padded box. */
const centreOf = (map: typeof phoneMap, p: ReturnType<typeof visiblePadding>) => ({
  x: (map.left + p.left + map.right - p.right) / 2,
  y: (map.top + p.top + map.bottom - p.bottom) / 2,
})

describe('visiblePadding', () => {
  test('a phone bottom sheet: the point lands above the sheet, inside the map', () => {
    const card = { top: 380, right: 390, bottom: 844, left: 0 }
    const p = visiblePadding(phoneMap, card)
    const c = centreOf(phoneMap, p)
    expect(c.y).toBeLessThan(card.top - 40)
    expect(c.y).toBeGreaterThan(phoneMap.top + 40)
  })

  test('a desktop card over the lower left: the point lands right of it', () => {
    const card = { top: 200, right: 836, bottom: 784, left: 436 }
    const p = visiblePadding(desktopMap, card)
    const c = centreOf(desktopMap, p)
    expect(c.x).toBeGreaterThan(card.right + 40)
    expect(p.left).toBe(card.right - desktopMap.left + 40)
  })

  test('a card beside the map, or one leaving no room, gets plain margins', () => {
    const plain = { top: 40, right: 40, bottom: 40, left: 40 }
    expect(visiblePadding(phoneMap, { top: 600, right: 390, bottom: 844, left: 0 })).toEqual(plain)
    expect(visiblePadding(phoneMap, { top: 130, right: 390, bottom: 844, left: 0 })).toEqual(plain)
  })
})
