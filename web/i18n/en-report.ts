import type { ReportMessages } from './messages.ts'

/** The report form's strings: they load with the form, not with the finder. */
export const enReport: ReportMessages = {
  title: 'How is it here?',
  types: {
    confirmed_open: 'Open, I got in',
    locked: 'Locked, could not get in',
    not_found: 'Not found here',
    closed: 'Closed for good',
    amenity_missing: 'An amenity is missing',
    other: 'Something else',
  },
  amenity: 'Which amenity is missing',
  note: 'Note (optional)',
  noteRequired: 'Please say what is wrong',
  chars: (n, max) => `${n}/${max}`,
  send: 'Send',
  sending: 'Sending…',
  cancel: 'Cancel',
  thanks: 'Thank you! Recorded; others will see it.',
  yours: (type) => `Your report: ${type}`,
  tooMany: (s) => `Too many reports; try again in ${s} s.`,
  failed: 'Could not send; please try again later.',
}
