import { AimOutlined, SearchOutlined } from '@ant-design/icons';
import { Empty, Spin } from 'antd';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, api, errorText } from '../../api';
import { ErrorAlert } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import type { ItemsOf, PublicTownship } from '../portal/portal.types';
import { DeputyList, StationList } from './ResultLists';
import type { AreaOption, AreaResult, ExpertiseResult, NearestResult } from './reach.types';
import './reach.css';

type Found =
  | { kind: 'nearest'; data: NearestResult }
  | { kind: 'area'; data: AreaResult }
  | { kind: 'expertise'; data: ExpertiseResult };

const PROBLEMS = ['物业纠纷', '加装电梯', '看病就医', '停车难', '孩子上学', '噪音扰民', '劳动争议'];

/** 找代表: by my location, by choosing my community/grid, or by the problem I have. */
export function FindPage() {
  const [params, setParams] = useSearchParams();
  const [found, setFound] = useState<Found | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState('');

  const run = async (load: () => Promise<Found>) => {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      setFound(await load());
    } catch (e) {
      setError(e instanceof Error ? e : new ApiError(0, 'common.internal', errorText(e)));
    } finally {
      setBusy(false);
    }
  };

  const locateMe = () => {
    if (!('geolocation' in navigator)) {
      setNotice('当前浏览器无法定位，请在下方选择您所在的社区或网格');
      return;
    }
    setBusy(true);
    navigator.geolocation.getCurrentPosition(
      (pos) =>
        void run(async () => ({
          kind: 'nearest',
          data: await api.get<NearestResult>('/api/public/find/nearest', {
            query: { lat: pos.coords.latitude, lng: pos.coords.longitude, limit: 10 },
          }),
        })),
      () => {
        setBusy(false);
        setNotice('未能获取您的位置（可能未授权定位），请在下方选择您所在的社区或网格');
      },
      { timeout: 10_000, maximumAge: 60_000 },
    );
  };

  const searchProblem = (q: string) => {
    const text = q.trim();
    if (!text) return;
    setParams({ q: text }, { replace: true });
    void run(async () => ({
      kind: 'expertise',
      data: await api.get<ExpertiseResult>('/api/public/find/expertise', { query: { q: text, limit: 20 } }),
    }));
  };

  const chooseArea = (query: { community?: string; grid?: string }) =>
    void run(async () => ({
      kind: 'area',
      data: await api.get<AreaResult>('/api/public/find/by-area', { query }),
    }));

  return (
    <>
      <section className="portal-card">
        <h3>我遇到了什么问题</h3>
        <ProblemSearch initial={params.get('q') ?? ''} onSearch={searchProblem} />
      </section>

      <section className="portal-card">
        <h3>找附近的代表</h3>
        <button type="button" className="reach-button" onClick={locateMe} disabled={busy}>
          <AimOutlined /> 使用我的位置
        </button>
        {notice ? <p className="reach-hint">{notice}</p> : null}
        <AreaPicker onChoose={chooseArea} />
      </section>

      {error ? <ErrorAlert error={error} /> : null}
      <Spin spinning={busy}>{found ? <Results found={found} /> : null}</Spin>
    </>
  );
}

function ProblemSearch({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const [q, setQ] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(q);
  };
  return (
    <form onSubmit={submit}>
      <div className="reach-search">
        <input
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="例如：物业纠纷、加装电梯"
          aria-label="我遇到的问题"
          maxLength={50}
          enterKeyHint="search"
        />
        <button type="submit" className="reach-button" aria-label="搜索">
          <SearchOutlined />
        </button>
      </div>
      <div className="reach-chips">
        {PROBLEMS.map((p) => (
          <button
            key={p}
            type="button"
            className="reach-chip"
            onClick={() => {
              setQ(p);
              onSearch(p);
            }}
          >
            {p}
          </button>
        ))}
      </div>
    </form>
  );
}

function AreaPicker({ onChoose }: { onChoose: (q: { community?: string; grid?: string }) => void }) {
  const [township, setTownship] = useState('');
  const [community, setCommunity] = useState('');
  const townships = useApi<ItemsOf<PublicTownship>>('/api/public/townships');
  const communities = useApi<ItemsOf<AreaOption>>(township ? '/api/public/areas' : null, {
    parent: township,
  });
  const grids = useApi<ItemsOf<AreaOption>>(community ? '/api/public/areas' : null, { parent: community });
  return (
    <>
      <p className="reach-hint">或选择您所在的社区/网格：</p>
      <select
        className="portal-select"
        aria-label="选择街道镇"
        value={township}
        onChange={(e) => {
          setTownship(e.target.value);
          setCommunity('');
        }}
      >
        <option value="">选择街道镇</option>
        {(townships.data?.items ?? []).map((t) => (
          <option key={t.code} value={t.code}>
            {t.name}
          </option>
        ))}
      </select>
      {township ? (
        <select
          className="portal-select"
          aria-label="选择社区"
          value={community}
          onChange={(e) => {
            setCommunity(e.target.value);
            if (e.target.value) onChoose({ community: e.target.value });
          }}
        >
          <option value="">选择社区/村</option>
          {(township === '' ? [] : (communities.data?.items ?? [])).map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      ) : null}
      {community && (grids.data?.items.length ?? 0) > 0 ? (
        <select
          className="portal-select"
          aria-label="选择网格"
          defaultValue=""
          onChange={(e) => (e.target.value ? onChoose({ grid: e.target.value }) : onChoose({ community }))}
        >
          <option value="">整个社区</option>
          {(grids.data?.items ?? []).map((g) => (
            <option key={g.code} value={g.code}>
              {g.name}
            </option>
          ))}
        </select>
      ) : null}
    </>
  );
}

function Results({ found }: { found: Found }) {
  if (found.kind === 'expertise') {
    const { data } = found;
    return (
      <section aria-label="按问题找到的代表">
        <div className="reach-section-title">
          {data.tags.length > 0 ? `与“${data.tags.join('、')}”相关的代表` : `与“${data.q}”相关的代表`}
        </div>
        {data.deputies.length === 0 ? (
          <Empty description="暂未找到相关专长的代表，可以到附近的代表之家当面反映" />
        ) : (
          <DeputyList items={data.deputies} label="相关代表" note={(d) => d.reasons.join(' · ')} />
        )}
      </section>
    );
  }
  const { data } = found;
  const title =
    found.kind === 'area'
      ? `${[
          found.data.area.townshipName,
          found.data.area.communityName,
          found.data.area.level === 'grid' ? found.data.area.name : null,
        ]
          .filter(Boolean)
          .join(' · ')}`
      : '离您最近';
  return (
    <section aria-label="查找结果">
      <div className="reach-section-title">{title} · 代表之家/联络站</div>
      {data.stations.length === 0 ? (
        <Empty description="暂无" />
      ) : (
        <StationList items={data.stations} label="附近站点" />
      )}
      <div className="reach-section-title">
        {found.kind === 'area' ? '联系本社区/网格的代表' : '附近的代表'}
      </div>
      {data.deputies.length === 0 ? (
        <Empty description="暂无，可以到上面的代表之家找代表" />
      ) : (
        <DeputyList items={data.deputies} label="代表" />
      )}
    </section>
  );
}
