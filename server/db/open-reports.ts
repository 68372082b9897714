import type { Trust } from '../domain/report.ts'
import { NO_TRUST, REPORT_MAX_AGE_MS, trustOf, type TrustReport } from '../domain/trust.ts'

/** An open report as kept in memory: its id, so that closing it can take it out. */
export interface OpenReport extends TrustReport {
  id: string
}

/**
 * The open reports of the last REPORT_MAX_AGE_DAYS, per station, in memory: what the trust
 * signal is computed from on every station answer, so a nearby page costs no query per station.
 * A store loads it once at start-up, adds each report it writes and removes each it closes.
 */
export class OpenReports {
  readonly #byStation = new Map<string, OpenReport[]>()

  /** Adding a report already held changes nothing (it may be heard of twice). */
  add(stationId: string, report: OpenReport): void {
    const list = this.#byStation.get(stationId)
    if (list?.some((r) => r.id === report.id)) return
    if (list) list.push(report)
    else this.#byStation.set(stationId, [report])
  }

  /** A report resolved or dismissed: it stops counting at once. */
  remove(stationId: string, reportId: string): void {
    const list = this.#byStation.get(stationId)?.filter((r) => r.id !== reportId)
    if (list === undefined) return
    if (list.length === 0) this.#byStation.delete(stationId)
    else this.#byStation.set(stationId, list)
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
