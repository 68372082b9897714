import { expect, it } from 'vitest'
import { readSettings } from '../../server/settings.ts'

it('seeds the sample unless WAYSTATION_SEED says none, and names a bad value', () => {
  expect(readSettings({}).seed).toBe('sample')
  expect(readSettings({ WAYSTATION_SEED: '' }).seed).toBe('sample')
  expect(readSettings({ WAYSTATION_SEED: 'none' }).seed).toBe('none')
  expect(() => readSettings({ WAYSTATION_SEED: 'None' })).toThrow(
    'WAYSTATION_SEED must be one of sample, none, got "None"',
  )
})
