import type { Me } from '@lianxin/contracts';
import { Link } from 'react-router-dom';
import { hasAnyRole, useMe } from '../console/session';

/** 民意转建议 / 视察转建议, kept both ways: the console screen that opens a linked case for this user. */
export const screenOf = (me: Me, kind: 'suggestion' | 'opinion') => {
  if (kind === 'suggestion') {
    if (hasAnyRole(me, ['congress_staff'])) return 'suggestions';
    if (hasAnyRole(me, ['department_handler'])) return 'suggestion-inbox';
    return 'my-suggestions';
  }
  if (hasAnyRole(me, ['congress_staff', 'station_staff'])) return 'opinions';
  if (hasAnyRole(me, ['department_handler'])) return 'opinion-inbox';
  return 'opinions-received';
};

export interface LinkedSuggestions {
  items: Array<{
    id: string;
    trackingNo: string;
    registerNo: string | null;
    title: string;
    stateLabel: string;
  }>;
  /** Suggestions drawn from the opinion that this user may not open. */
  hidden: number;
}

export type SourceOpinion =
  | { visible: true; id: string; trackingNo: string; title: string; stateLabel: string }
  | { visible: false; id: null; trackingNo: null; title: null; stateLabel: null };

/** On the suggestion: the citizen opinion it was drawn from (a link for who may see it). */
export function SourceOpinionLink({ value }: { value: SourceOpinion }) {
  const me = useMe();
  if (!value.visible) return <>由群众意见转化（无权查看该意见）</>;
  return (
    <>
      <Link to={`/console/${screenOf(me, 'opinion')}?open=${value.id}`}>
        {value.trackingNo} {value.title}
      </Link>
      （{value.stateLabel}）
    </>
  );
}

export type SourceActivity =
  | { visible: true; id: string; kind: string; kindLabel: string; title: string; day: string }
  | { visible: false; id: null; kind: null; kindLabel: null; title: null; day: null };

/** On the suggestion: the inspection (视察/调研/执法检查) it was drawn from, for who may see it. */
export function SourceActivityText({ value }: { value: SourceActivity }) {
  if (!value.visible) return <>由履职活动转化（无权查看该活动）</>;
  return (
    <>
      {value.kindLabel}活动「{value.title}」（{value.day}）
    </>
  );
}

export type SourceMediation =
  | { visible: true; caseId: string; trackingNo: string; title: string; finding: string }
  | { visible: false; caseId: null; trackingNo: null; title: null; finding: null };

/** On the suggestion: the mediation (and the problem found in it) it was drawn from, for who may see it. */
export function SourceMediationText({ value }: { value: SourceMediation }) {
  const me = useMe();
  if (!value.visible) return <>由矛盾调解中发现的问题转化（无权查看该调解案件）</>;
  const screen = hasAnyRole(me, ['congress_staff', 'station_staff']) ? 'mediations' : 'my-mediations';
  const title = <Link to={`/console/${screen}?open=${value.caseId}`}>{value.title}</Link>;
  return (
    <>
      矛盾调解「{title}」（{value.trackingNo}）
      <div style={{ color: '#666', whiteSpace: 'pre-wrap' }}>发现的问题：{value.finding}</div>
    </>
  );
}
