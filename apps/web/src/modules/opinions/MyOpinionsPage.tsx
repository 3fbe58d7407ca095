import { AsyncBlock } from '../../shared/AsyncBlock';
import { FullPageSpin } from '../../shared/FullPageSpin';
import { useApi } from '../../shared/useApi';
import { OtpSignIn } from '../portal/OtpSignIn';
import { useCitizen } from '../receptions/useCitizen';
import { CaseView } from './CaseView';
import type { PublicCase } from './opinions.types';
import { RateBox } from './RateBox';
import './opinions.css';

/**
 * 我反映的事项 (portal, after phone sign-in): the citizen's cases, with 满意度评价 on answered ones —
 * for a merged case (并单), of the main case's answer.
 */
export function MyOpinionsPage() {
  const [session, signedIn] = useCitizen();
  if (session.status === 'loading') return <FullPageSpin />;
  if (session.status === 'anonymous') return <OtpSignIn onSignedIn={signedIn} />;
  return <MyList />;
}

function MyList() {
  const list = useApi<{ items: PublicCase[] }>('/api/public/opinions/mine');
  return (
    <>
      <h3 style={{ margin: '4px 0 12px' }}>我反映的事项</h3>
      <AsyncBlock state={list} isEmpty={(d) => d.items.length === 0} emptyText="您还没有反映过事项">
        {(d) => (
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="我反映的事项">
            {d.items.map((c) => (
              <li key={c.id} className="portal-card" data-testid={`case-${c.trackingNo}`}>
                <CaseView c={c} />
                {c.canRate ? <RateBox c={c} onRated={list.reload} /> : null}
              </li>
            ))}
          </ul>
        )}
      </AsyncBlock>
    </>
  );
}
