import type { NodeKind } from "@/lib/design/schema";

/** One glyph per node kind (24×24, stroke = currentColor): the kind reads without colour. */
const PATHS: Record<NodeKind, React.ReactNode> = {
  database: (
    <>
      <ellipse cx="12" cy="5.5" rx="7.5" ry="3" />
      <path d="M4.5 5.5v13c0 1.7 3.4 3 7.5 3s7.5-1.3 7.5-3v-13" />
      <path d="M4.5 12c0 1.7 3.4 3 7.5 3s7.5-1.3 7.5-3" />
    </>
  ),
  cache: <path d="M13 2 4.5 13.5H11L10 22l8.5-11.5H12z" />,
  lock: (
    <>
      <rect x="4.5" y="10.5" width="15" height="11" rx="2" />
      <path d="M8 10.5V7a4 4 0 0 1 8 0v3.5" />
      <circle cx="12" cy="16" r="1.4" />
    </>
  ),
  broker: (
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="M7 9v6M11 9v6M15 9v6" />
      <path d="M18.5 12h4M20.5 10l2 2-2 2" />
    </>
  ),
  service: (
    <>
      <path d="M12 2.5 20.5 7.3v9.4L12 21.5l-8.5-4.8V7.3z" />
      <circle cx="12" cy="12" r="3" />
    </>
  ),
  "load-balancer": (
    <>
      <circle cx="12" cy="5" r="2.5" />
      <path d="M12 7.5V11M12 11 5 17M12 11v6M12 11l7 6" />
      <circle cx="5" cy="19" r="2" />
      <circle cx="12" cy="19" r="2" />
      <circle cx="19" cy="19" r="2" />
    </>
  ),
};

export function KindIcon({ kind, size = 22 }: { kind: NodeKind; size?: number }) {
  return (
    <svg className="node-icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {PATHS[kind]}
    </svg>
  );
}

export function RegionIcon({ size = 22, dashed = false }: { size?: number; dashed?: boolean }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.7" aria-hidden="true">
      <rect x="2.5" y="4.5" width="19" height="15" rx="3" strokeDasharray={dashed ? "3 2.5" : undefined} />
      <path d="M2.5 9h19" opacity={dashed ? 0 : 1} />
    </svg>
  );
}

/** The logo: three replicas and the majority that overlaps. */
export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <circle cx="11" cy="13" r="5.5" fill="none" stroke="var(--accent-contrast)" strokeWidth="2" />
      <circle cx="21" cy="13" r="5.5" fill="none" stroke="var(--accent-contrast)" strokeWidth="2" />
      <circle cx="16" cy="21" r="5.5" fill="none" stroke="var(--accent-contrast)" strokeWidth="2" />
    </svg>
  );
}

/** A speech bubble: comments. */
export function CommentIcon({ size = 14 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" aria-hidden="true">
      <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" />
    </svg>
  );
}
