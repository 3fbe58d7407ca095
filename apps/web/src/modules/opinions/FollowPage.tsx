import { Link, useParams, useSearchParams } from 'react-router-dom';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import { useCitizen } from '../receptions/useCitizen';
import { CaseView } from './CaseView';
import type { PublicCase } from './opinions.types';
import { RateBox } from './RateBox';
import './opinions.css';

/**
 * /o/:trackingNo?k=secret — anyone with the link sees the public steps of that case. The citizen
 * who raised it, once signed in, rates the answer here too (for a merged case: the main case's).
 */
export function FollowPage() {
  const { trackingNo = '' } = useParams();
  const [params] = useSearchParams();
  const state = useApi<PublicCase>(`/api/public/opinions/follow/${encodeURIComponent(trackingNo)}`, {
    k: params.get('k') ?? '',
  });
  return (
    <section className="portal-card">
      <AsyncBlock state={state}>
        {(c) => (
          <>
            <CaseView c={c} />
            <FollowRating c={c} onRated={state.reload} />
          </>
        )}
      </AsyncBlock>
    </section>
  );
}

/** An answer waiting for a rating: the case's own, or (并单) the main case's. */
const answered = (c: PublicCase) =>
  c.state === 'replied' ||
  (!!c.mergedInto &&
    c.mergedInto.replies.length > 0 &&
    (c.mergedInto.phase === 'feedback' || c.mergedInto.phase === 'closed'));

function FollowRating({ c, onRated }: { c: PublicCase; onRated: () => void }) {
  const [session] = useCitizen();
  const signedIn = session.status === 'signed-in' && session.me.kind === 'citizen';
  // Whether it is this citizen's case, and whether a rating is due, comes from 我的 (own cases only).
  const mine = useApi<{ items: PublicCase[] }>(signedIn ? '/api/public/opinions/mine' : null);
  if (!answered(c)) return null;
  if (!signedIn) {
    if (session.status !== 'anonymous') return null;
    return (
      <p className="op-hint">
        本人反映的事项可 <Link to="/me/opinions">登录后</Link> 进行满意度评价。
      </p>
    );
  }
  const own = mine.data?.items.find((i) => i.id === c.id);
  if (!own?.canRate) return null;
  return (
    <RateBox
      c={own}
      onRated={() => {
        mine.reload();
        onRated();
      }}
    />
  );
}
