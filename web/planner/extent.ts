/** A bounding box in [west, south, east, north] WGS-84 degrees. */

export type Bbox = [number, number, number, number]
