import { z } from 'zod'

/**
 * How query-string values are read, for every route. Shared by the API (validation, OpenAPI)
 * and the web client, so it stays pure.
 *
 * A number is a plain decimal: an optional sign, digits, and an optional fraction
 * (`30`, `-0.5`, `+120.25`), at most 32 characters. Nothing else that `Number()` accepts:
 * no blanks (`+`, ` ` would be 0), exponents (`1e-400` would be 0), `0x`/`0b`/`0o` prefixes,
 * `Infinity` or `NaN`. The length bound keeps every accepted value finite and non-zero values
 * non-zero.
 */
export const DECIMAL_PATTERN = /^[+-]?\d+(?:\.\d+)?$/
const DECIMAL_MAX_LENGTH = 32
export const NOT_A_DECIMAL = 'expected a plain decimal number such as 30 or -120.25'

/** The number a plain decimal spells, or undefined for anything else. */
export function parseDecimal(value: unknown): number | undefined {
  return typeof value === 'string' &&
    value.length <= DECIMAL_MAX_LENGTH &&
    DECIMAL_PATTERN.test(value)
    ? Number(value)
    : undefined
}

/**
 * A numeric query value: `schema` checks the number (range, integer). Put `.optional()` or
 * `.default()` outside, so an absent value never reaches the parser and OpenAPI sees a number.
 */
export function decimalParam<T extends z.ZodType<number, number>>(schema: T) {
  return z.preprocess((value, ctx) => {
    const n = parseDecimal(value)
    if (value === undefined || n !== undefined) return n
    ctx.issues.push({ code: 'custom', message: NOT_A_DECIMAL, input: value })
    return z.NEVER
  }, schema)
}

// C0, DEL and C1: no name, address, cursor or id contains one, and `%00` must not reach SQL.
const CONTROL_CHARACTER = /\p{Cc}/u

/** Free text (search words, opaque tokens, ids): not blank, no control characters. */
export const textParam = (maxLength: number) =>
  z
    .string()
    .max(maxLength)
    .refine((s) => !CONTROL_CHARACTER.test(s), 'must not contain control characters')
    .refine((s) => s.trim() !== '', 'is empty')
