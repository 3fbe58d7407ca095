import { Button, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useApi } from '../../shared/useApi';
import { hasAnyRole, useMe } from '../console/session';
import type { MediationRow, Page } from './mediation.types';
import { type FromOpinion, RegisterModal } from './RegisterModal';

const STAFF = ['station_staff', 'congress_staff'] as const;

/**
 * 民意转调解, in the opinion's drawer (station and congress staff): the disputes registered from this
 * opinion, each linked to its case, and 转为矛盾调解 opening the register form prefilled from it.
 */
export function MediationsOfOpinion({ opinion }: { opinion: FromOpinion }) {
  const me = useMe();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const staff = hasAnyRole(me, STAFF);
  const list = useApi<Page<MediationRow>>(staff ? '/api/mediations' : null, { sourceOpinionId: opinion.id });
  if (!staff) return null;
  const items = list.data?.items ?? [];
  return (
    <section aria-label="转矛盾调解" style={{ marginTop: 12 }}>
      <Space align="center">
        <Typography.Text strong>矛盾调解</Typography.Text>
        <Button size="small" onClick={() => setOpen(true)}>
          转为矛盾调解
        </Button>
      </Space>
      {items.length ? (
        <List
          size="small"
          dataSource={items}
          renderItem={(m) => (
            <List.Item>
              <Link to={`/console/mediations?open=${m.id}`}>
                {m.trackingNo} {m.title}
              </Link>
              <Tag style={{ marginLeft: 8 }}>{m.stateLabel}</Tag>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          属于当事人之间的矛盾纠纷的，可转由联络站组织代表调解；原意见照常办理和答复。
        </Typography.Paragraph>
      )}
      <RegisterModal
        open={open}
        fromOpinion={opinion}
        onClose={() => setOpen(false)}
        onDone={(id) => {
          setOpen(false);
          list.reload();
          navigate(`/console/mediations?open=${id}`);
        }}
      />
    </section>
  );
}
