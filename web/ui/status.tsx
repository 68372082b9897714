import { CircleAlert, LoaderCircle } from 'lucide-react'
import type { ReactNode } from 'react'

export function Loading({ children }: { children: ReactNode }) {
  return (
    <p className="status status-loading" role="status">
      <LoaderCircle className="spin" aria-hidden size={20} />
      {children}
    </p>
  )
}

export function ErrorNote({
  children,
  retry,
  retryLabel,
}: {
  children: ReactNode
  retry?: () => void
  retryLabel?: string
}) {
  return (
    <div className="status status-error" role="alert">
      <CircleAlert aria-hidden size={20} />
      <span>{children}</span>
      {retry && (
        <button type="button" className="btn" onClick={retry}>
          {retryLabel}
        </button>
      )}
    </div>
  )
}
