import {
  CalendarOutlined,
  EnvironmentOutlined,
  FormOutlined,
  HomeOutlined,
  IdcardOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import { ActivitiesMine } from '../activities/ActivitiesMine';
import { PointsMine } from '../activities/PointsMine';
import { QuotaPanel } from '../activities/QuotaPanel';
import { VoterReportPanel } from '../activities/VoterReportPanel';
import { FieldNoteForm } from '../opinions/FieldNoteForm';
import { type BookingStatus, dayLabel, statusColors } from '../receptions/receptions.types';

interface Workbench {
  deputy: { id: string; name: string; publicCode: string };
  mandates: Array<{
    level: string;
    levelLabel: string;
    congress: string;
    term: number;
    groupName: string | null;
  }>;
  grids: Array<{ code: string; name: string; communityName: string | null }>;
  stations: Array<{ id: string; name: string; address: string; publicCode: string }>;
  receptionDays: Array<{
    day: string;
    stationId: string;
    stationName: string;
    address: string;
    startTime: string;
    endTime: string;
    theme: string | null;
    coDeputies: string[];
    capacity: number;
    booked: number;
    bookings: Array<{
      id: string;
      slotStart: string;
      nameMasked: string;
      topic: string;
      status: BookingStatus;
      statusLabel: string;
    }>;
  }>;
}

function Section({ icon, title, children }: { icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Space>
          {icon}
          {title}
        </Space>
      }
    >
      {children}
    </Card>
  );
}

/** 代表工作台 (phone-friendly): my grids, my stations, my reception days and who booked them. */
export function WorkbenchPage() {
  const data = useApi<Workbench>('/api/workbench/me');
  return (
    <div style={{ maxWidth: 640 }}>
      <Typography.Title level={3}>代表工作台</Typography.Title>
      <AsyncBlock state={data}>
        {(w) => (
          <>
            <Typography.Paragraph>
              <strong>{w.deputy.name}</strong>{' '}
              {w.mandates.map((m) => (
                <Tag key={`${m.level}-${m.congress}`} color="red">
                  {m.congress}
                  {m.level === 'street' ? '议政代表' : '人大代表'}（第{m.term}届）
                </Tag>
              ))}
            </Typography.Paragraph>
            <Section icon={<CalendarOutlined />} title="我的接待日">
              {w.receptionDays.length === 0 ? (
                <Empty description="近 60 天没有轮到您的接待日" />
              ) : (
                w.receptionDays.map((d) => (
                  <div key={`${d.stationId}-${d.day}`} style={{ marginBottom: 16 }}>
                    <Typography.Text strong>
                      {dayLabel(d.day)} {d.startTime}–{d.endTime}
                    </Typography.Text>
                    <div style={{ color: '#8c8c8c' }}>
                      {d.stationName} · 已预约 {d.booked}/{d.capacity}
                      {d.coDeputies.length ? ` · 同班代表：${d.coDeputies.join('、')}` : ''}
                      {d.theme ? ` · 主题：${d.theme}` : ''}
                    </div>
                    <List
                      size="small"
                      header="预约群众"
                      dataSource={d.bookings}
                      locale={{ emptyText: '暂无预约' }}
                      renderItem={(b) => (
                        <List.Item>
                          <Space wrap>
                            <span>{b.slotStart}</span>
                            <span>{b.nameMasked}</span>
                            <span>{b.topic}</span>
                            <Tag color={statusColors[b.status]}>{b.statusLabel}</Tag>
                          </Space>
                        </List.Item>
                      )}
                    />
                  </div>
                ))
              )}
            </Section>
            <Section icon={<FormOutlined />} title="民情笔记">
              <FieldNoteForm />
            </Section>
            <ActivitiesMine />
            <PointsMine />
            <Section icon={<TeamOutlined />} title="我的履职要求">
              <QuotaPanel />
            </Section>
            <Section icon={<CalendarOutlined />} title="我的述职">
              <VoterReportPanel />
            </Section>
            <Section icon={<IdcardOutlined />} title="我的履职档案">
              <Link to="/console/my-archive">查看本年度履职档案（可打印 PDF）</Link>
            </Section>
            <Section icon={<HomeOutlined />} title="我的联络站">
              <List
                size="small"
                dataSource={w.stations}
                locale={{ emptyText: '尚未进站' }}
                renderItem={(s) => (
                  <List.Item>
                    <List.Item.Meta
                      title={s.name}
                      description={
                        <>
                          <EnvironmentOutlined /> {s.address}
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            </Section>
            <Section icon={<TeamOutlined />} title="我的网格">
              <List
                size="small"
                dataSource={w.grids}
                locale={{ emptyText: '尚未分配网格责任区' }}
                renderItem={(g) => (
                  <List.Item>
                    {g.communityName ? `${g.communityName} · ` : ''}
                    {g.name}
                  </List.Item>
                )}
              />
            </Section>
          </>
        )}
      </AsyncBlock>
    </div>
  );
}
