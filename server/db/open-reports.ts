import type { Trust } from '../domain/report.ts'
import { NO_TRUST, REPORT_MAX_AGE_MS, trustOf, type TrustReport } from '../domain/trust.ts'

/**
 * The open reports of the last REPORT_MAX_AGE_DAYS, per station, in memory: what the trust
 * signal is computed from on every station answer, so a nearby page costs no query per station.
 * A store loads it once at start-up and adds each report it writes.
 */
export class OpenReports {
  readonly #byStation = new Map<string, TrustReport[]>()

  add(stationId: string, report: TrustReport): void {
    const list = this.#byStation.get(stationId)
    if (list) list.push(report)
    else this.#byStation.set(stationId, [report])
  }

  clear(): void {
    this.#byStation.clear()
  }

  /** Each station's trust signal at `now`, in the order of `ids`; aged-out reports are dropped. */
  trust(ids: readonly string[], now: Date): Trust[] {
    const since = new Date(now.getTime() - REPORT_MAX_AGE_MS).toISOString()
    return ids.map((id) => {
      const list = this.#byStation.get(id)
      if (!list) return NO_TRUST
      const recent = list.filter((r) => r.createdAt > since)
      if (recent.length === 0) this.#byStation.delete(id)
      else if (recent.length < list.length) this.#byStation.set(id, recent)
      return recent.length === 0 ? NO_TRUST : trustOf(recent, now)
    })
  }
}
