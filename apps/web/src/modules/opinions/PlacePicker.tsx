import { AimOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import type { ItemsOf, PublicTownship } from '../portal/portal.types';
import type { AreaOption } from '../reach/reach.types';

/** Where the problem is: a township (and community) picked, or the phone's position resolved by the server. */
export interface Place {
  township: string;
  community: string;
  /** Set by 使用我的位置; cleared when the citizen changes the street or community by hand. */
  point: { lat: number; lng: number } | null;
}

export const emptyPlace: Place = { township: '', community: '', point: null };

/** The intake body's location fields for a place (nothing when none is given). */
export function placeFields(p: Place): { areaCode?: string; lat?: number; lng?: number } {
  return {
    ...(p.community || p.township ? { areaCode: p.community || p.township } : {}),
    ...(p.point ? { lat: p.point.lat, lng: p.point.lng } : {}),
  };
}

export const hasPlace = (p: Place) => Boolean(p.township || p.point);

interface Located {
  township: { code: string; name: string } | null;
  community: { code: string; name: string } | null;
  grid: { code: string; name: string } | null;
}

/**
 * 所在街道/社区 with 使用我的位置: the street, then the community (optional), from the public
 * jurisdiction lists; or the browser's position, which the server places in a township, community
 * and grid (a position outside the region is refused with its reason).
 */
export function PlacePicker({
  value,
  onChange,
  label = '问题所在街道/社区',
}: {
  value: Place;
  onChange: (p: Place) => void;
  label?: string;
}) {
  const townships = useApi<ItemsOf<PublicTownship>>('/api/public/townships');
  const communities = useApi<ItemsOf<AreaOption>>(value.township ? '/api/public/areas' : null, {
    parent: value.township,
  });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [located, setLocated] = useState('');

  const locate = () => {
    setNotice('');
    if (!('geolocation' in navigator)) {
      setNotice('当前浏览器无法定位，请在下方选择街道和社区');
      return;
    }
    setBusy(true);
    navigator.geolocation.getCurrentPosition(
      async (pos) => {
        const point = { lat: pos.coords.latitude, lng: pos.coords.longitude };
        try {
          const at = await api.get<Located>('/api/public/locate', { query: point });
          onChange({ township: at.township?.code ?? '', community: at.community?.code ?? '', point });
          setLocated(
            [at.township?.name, at.community?.name, at.grid?.name].filter(Boolean).join(' · ') || '本区',
          );
        } catch (cause) {
          onChange({ ...value, point: null });
          setLocated('');
          setNotice(errorText(cause));
        } finally {
          setBusy(false);
        }
      },
      () => {
        setBusy(false);
        setNotice('未能获取您的位置（可能未授权定位），请在下方选择街道和社区');
      },
      { timeout: 10_000, maximumAge: 60_000 },
    );
  };

  const byHand = (p: Omit<Place, 'point'>) => {
    setLocated('');
    onChange({ ...p, point: null });
  };

  return (
    <fieldset className="op-place">
      <legend className="portal-label">{label}</legend>
      <button type="button" className="op-locate" onClick={locate} disabled={busy}>
        <AimOutlined /> {busy ? '正在定位…' : '使用我的位置'}
      </button>
      {value.point && located ? (
        <p className="op-hint" data-testid="located">
          已定位：{located}（如不准确，可在下方改选）
        </p>
      ) : null}
      {notice ? (
        <p className="op-hint op-warn" role="alert">
          {notice}
        </p>
      ) : null}
      <select
        className="op-select"
        aria-label="所在街道"
        value={value.township}
        onChange={(e) => byHand({ township: e.target.value, community: '' })}
      >
        <option value="">请选择街道/镇</option>
        {(townships.data?.items ?? []).map((t) => (
          <option key={t.code} value={t.code}>
            {t.name}
          </option>
        ))}
      </select>
      {value.township ? (
        <select
          className="op-select"
          aria-label="所在社区"
          value={value.community}
          onChange={(e) => byHand({ township: value.township, community: e.target.value })}
        >
          <option value="">不确定社区/村（只选街道）</option>
          {(communities.data?.items ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      ) : null}
    </fieldset>
  );
}
