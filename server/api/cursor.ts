// Keyset-pagination cursors: opaque to clients, so the key can change without breaking them.

export function encodeCursor(afterId: string): string {
  return Buffer.from(JSON.stringify({ after: afterId }), 'utf8').toString('base64url')
}

/** The id to continue after, or null when the text is not a cursor we issued. */
export function decodeCursor(cursor: string): string | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (typeof value === 'object' && value !== null && 'after' in value) {
      const after = (value as { after: unknown }).after
      if (typeof after === 'string' && after.length > 0) return after
    }
  } catch {
    // fall through: malformed base64 or JSON
  }
  return null
}
