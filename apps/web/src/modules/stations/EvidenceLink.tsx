import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

/** Console paths open in the app; anything else (a photo, a document) in a new tab. */
export function EvidenceLink({ href, children }: { href: string; children: ReactNode }) {
  if (href.startsWith('/console')) return <Link to={href}>{children}</Link>;
  return (
    <a href={href} target="_blank" rel="noreferrer">
      {children}
    </a>
  );
}
