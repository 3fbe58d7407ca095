import { useParams, useSearchParams } from 'react-router-dom';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import { CaseView } from './CaseView';
import type { PublicCase } from './opinions.types';
import './opinions.css';

/** /o/:trackingNo?k=secret — anyone with the link sees the public steps of that case. */
export function FollowPage() {
  const { trackingNo = '' } = useParams();
  const [params] = useSearchParams();
  const state = useApi<PublicCase>(`/api/public/opinions/follow/${encodeURIComponent(trackingNo)}`, {
    k: params.get('k') ?? '',
  });
  return (
    <section className="portal-card">
      <AsyncBlock state={state}>{(c) => <CaseView c={c} />}</AsyncBlock>
    </section>
  );
}
