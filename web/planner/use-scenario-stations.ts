import { useEffect, useRef, useState } from 'react'
import { fetchScenarioStation } from '../api/planner-client.ts'
import type { ScenarioStation } from '../api/planner-client.ts'

/**
 * The stations a scenario names (taken out, other hours, the one tapped), each asked for once by
 * id as it is named: the map draws every station from the vector tiles, so the page never lists a
 * county's stations, whatever its size. One that fails to load stays unknown (shown by its id;
 * the scenario's own answer says what is wrong with it) until the ids change again.
 */
export function useScenarioStations(ids: readonly string[]): ReadonlyMap<string, ScenarioStation> {
  const [known, setKnown] = useState<ReadonlyMap<string, ScenarioStation>>(new Map())
  const asked = useRef(new Set<string>())
  const key = [...new Set(ids)].sort().join('\n')
  useEffect(() => {
    if (key === '') return
    for (const id of key.split('\n')) {
      if (asked.current.has(id)) continue
      asked.current.add(id)
      fetchScenarioStation(id).then(
        (station) => setKnown((prev) => new Map(prev).set(id, station)),
        () => asked.current.delete(id),
      )
    }
  }, [key])
  return known
}
