/** Screen rectangles as getBoundingClientRect gives them (CSS pixels, viewport coordinates). */
export interface Rect {
  top: number
  right: number
  bottom: number
  left: number
}

export interface Padding {
  top: number
  right: number
  bottom: number
  left: number
}

/** Space kept between a framed point and the edge of what is visible, px. */
const MARGIN_PX = 40

/**
 * Camera padding that frames points in the part of the map the card leaves visible: above the
 * card (a phone's bottom sheet), or beside it (the desktop card over the map's lower left),
 * whichever is larger. A card that covers too much to leave room gets plain margins.
 */
export function visiblePadding(map: Rect, card: Rect): Padding {
  const plain = { top: MARGIN_PX, right: MARGIN_PX, bottom: MARGIN_PX, left: MARGIN_PX }
  const overlaps =
    card.left < map.right && card.right > map.left && card.top < map.bottom && card.bottom > map.top
  if (!overlaps) return plain
  const width = map.right - map.left
  const height = map.bottom - map.top
  const options = [
    // above, right of, left of the card: [visible width, visible height, padding]
    [width, card.top - map.top, { ...plain, bottom: map.bottom - card.top + MARGIN_PX }],
    [map.right - card.right, height, { ...plain, left: card.right - map.left + MARGIN_PX }],
    [card.left - map.left, height, { ...plain, right: map.right - card.left + MARGIN_PX }],
  ] as const
  const fits = options.filter(([w, h]) => w > 3 * MARGIN_PX && h > 3 * MARGIN_PX)
  if (fits.length === 0) return plain
  return fits.reduce((best, o) => (o[0] * o[1] > best[0] * best[1] ? o : best))[2]
}
