import { useEffect, useRef } from 'react'

/** A list ref that keeps the item with data-id = selectedId in view (e.g. after a map tap). */
export function useScrollSelected<T extends HTMLElement>(selectedId: string | null | undefined) {
  const listRef = useRef<T>(null)
  useEffect(() => {
    if (!selectedId) return
    listRef.current
      ?.querySelector(`[data-id="${CSS.escape(selectedId)}"]`)
      ?.scrollIntoView({ block: 'nearest' })
  }, [selectedId])
  return listRef
}
