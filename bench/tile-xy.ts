/** The Web Mercator tile (x, y) holding a point at zoom z. */
export function tileXY(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z
  const sin = Math.sin((lat * Math.PI) / 180)
  return [
    Math.floor(((lon + 180) / 360) * n),
    Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n),
  ]
}
