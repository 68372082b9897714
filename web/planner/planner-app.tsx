import { Shell } from '../ui/shell.tsx'
import { MESSAGES } from '../i18n/i18n.ts'
import { PlannerPage } from './planner-page.tsx'
import { usePlannerUrlState } from './use-planner-url-state.ts'
import './planner.css'

/** The /planner route: its own URL state inside the shared shell. Loaded lazily by app.tsx. */
export function PlannerApp() {
  const [state, update] = usePlannerUrlState()
  return (
    <Shell
      page="planner"
      lang={state.lang}
      onLang={(lang) => update({ lang })}
      sampleNotice={MESSAGES[state.lang].planner.note.sample}
    >
      <PlannerPage state={state} update={update} />
    </Shell>
  )
}
