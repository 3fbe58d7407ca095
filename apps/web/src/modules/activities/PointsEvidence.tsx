import { Button } from 'antd';
import { type ReactNode, useState } from 'react';
import { OpinionDrawer } from '../opinions/OpinionDrawer';
import { SuggestionDrawer } from '../suggestions/SuggestionDrawer';
import { ActivityDrawer } from './ActivityDrawer';
import type { EvidenceRef } from './activities.types';

export const refLabels: Record<EvidenceRef, string> = {
  activity: '履职活动',
  suggestion: '代表建议',
  opinion: '群众意见',
};

export interface OpenEvidence {
  refType: EvidenceRef;
  refId: string;
}

/** A point's evidence as a link: it opens the activity, the suggestion or the opinion case itself. */
export function EvidenceLink({
  refType,
  refId,
  onOpen,
  children,
}: OpenEvidence & { onOpen: (e: OpenEvidence) => void; children: ReactNode }) {
  return (
    <Button
      type="link"
      size="small"
      style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
      onClick={() => onOpen({ refType, refId })}
    >
      {children}
    </Button>
  );
}

/** Hosts the drawer of whichever evidence was opened; returns the opener for the links. */
export function useEvidenceDrawer(): [(e: OpenEvidence) => void, ReactNode] {
  const [open, setOpen] = useState<OpenEvidence | null>(null);
  const close = () => setOpen(null);
  const id = (t: EvidenceRef) => (open?.refType === t ? open.refId : null);
  const noop = () => {};
  return [
    setOpen,
    <>
      <ActivityDrawer id={id('activity')} onClose={close} />
      <SuggestionDrawer id={id('suggestion')} onClose={close} onChanged={noop} />
      <OpinionDrawer id={id('opinion')} onClose={close} onChanged={noop} />
    </>,
  ];
}
