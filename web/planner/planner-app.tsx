// First: zod is told not to probe for eval before any schema is built (see zod-config.ts).
import '../zod-config.ts'
import { Shell } from '../ui/shell.tsx'
import { PlannerPage } from './planner-page.tsx'
import { useUrlState } from '../map/use-url-state.ts'
import { parsePlannerState, popPlannerState, serializePlannerState } from './planner-state.ts'
import './planner.css'

/** The /planner route: its own URL state inside the shared shell. Loaded lazily by app.tsx. */
export function PlannerApp() {
  const [state, update] = useUrlState(parsePlannerState, serializePlannerState, popPlannerState)
  return (
    <Shell
      page="planner"
      lang={state.lang}
      onLang={(lang) => update({ lang })}
      sampleNotice={(t) => t.planner?.note.sample ?? t.sampleNotice}
    >
      <PlannerPage state={state} update={update} />
    </Shell>
  )
}
