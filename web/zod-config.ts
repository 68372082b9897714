import { z } from 'zod'

// The Content-Security-Policy forbids eval. Without this, zod probes for it as each object
// schema is built (the probe is reported as a violation) and then validates without compiled
// parsers anyway. main.tsx imports this module first, before any schema is built.
z.config({ jitless: true })
