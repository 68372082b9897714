import { z } from 'zod'

// The Content-Security-Policy forbids eval. Without this, zod probes for it as each object
// schema is built (the probe is reported as a violation) and then validates without compiled
// parsers anyway. Only the planner uses zod in the browser: planner-app.tsx imports this first.
z.config({ jitless: true })
