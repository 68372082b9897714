import type { StationKind } from '../../server/domain/vocabularies.ts'
import { KIND_COLORS, KIND_GLYPHS } from '../ui/icons.tsx'

/** The same disc as the map marker, so list and map read alike. */
export function KindMark({ kind }: { kind: StationKind }) {
  return (
    <span className="kind-dot" style={{ background: KIND_COLORS[kind] }} aria-hidden>
      {KIND_GLYPHS[kind]}
    </span>
  )
}
