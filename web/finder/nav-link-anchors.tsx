import { ExternalLink } from 'lucide-react'
import { useT } from '../i18n/i18n.ts'
import { NAV_APPS } from '../map/nav-links.ts'
import type { navLinks } from '../map/nav-links.ts'

/** One link per map app (Amap, Baidu, Apple, OSM), for a station's card and a class alike. */
export function NavLinkAnchors({ links }: { links: ReturnType<typeof navLinks> }) {
  const t = useT()
  return NAV_APPS.map((app) => (
    <a
      key={app}
      className="btn"
      href={links[app]}
      target="_blank"
      rel="noopener noreferrer"
      data-nav={app}
    >
      {t.card[app]} <ExternalLink aria-hidden size={14} />
    </a>
  ))
}
