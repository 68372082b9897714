/**
 * The coordinate systems Chinese sources use: we store WGS-84; GCJ-02 (Amap, Tencent) and
 * BD-09 (Baidu) are converted on import (server/geo/crs.ts) and back for navigation links.
 */
export const CRS_NAMES = ['wgs84', 'gcj02', 'bd09'] as const
export type CrsName = (typeof CRS_NAMES)[number]
