import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  BookOutlined,
  CalendarOutlined,
  CommentOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  EyeOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  KeyOutlined,
  LinkOutlined,
  MessageOutlined,
  PhoneOutlined,
  RobotOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  StarOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Role } from '@lianxin/contracts';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';

export interface ConsoleModule {
  /** Path under /console ('' is the overview). */
  path: string;
  label: string;
  icon: ReactNode;
  /** Roles that may open the screen; undefined = every staff member. */
  roles?: readonly Role[];
  page: LazyExoticComponent<ComponentType>;
}

/** The one list of console screens: the menu, the routes and the access rules all come from here. */
export const consoleModules: ConsoleModule[] = [
  {
    path: '',
    label: '总览',
    icon: <DashboardOutlined />,
    page: lazy(() => import('./DashboardPage').then((m) => ({ default: m.DashboardPage }))),
  },
  {
    path: 'jurisdictions',
    label: '行政区划',
    icon: <ApartmentOutlined />,
    page: lazy(() =>
      import('../jurisdictions/JurisdictionsPage').then((m) => ({ default: m.JurisdictionsPage })),
    ),
  },
  {
    path: 'deputies',
    label: '代表名册',
    icon: <SolutionOutlined />,
    roles: ['congress_staff', 'station_staff', 'sysadmin'],
    page: lazy(() => import('../deputies/DeputiesPage').then((m) => ({ default: m.DeputiesPage }))),
  },
  {
    path: 'observers',
    label: '民情观察员',
    icon: <EyeOutlined />,
    roles: ['congress_staff', 'station_staff'],
    page: lazy(() => import('../deputies/ObserversPage').then((m) => ({ default: m.ObserversPage }))),
  },
  {
    path: 'liaison',
    label: '双联系',
    icon: <LinkOutlined />,
    roles: ['congress_staff'],
    page: lazy(() => import('../deputies/LiaisonPage').then((m) => ({ default: m.LiaisonPage }))),
  },
  {
    path: 'stations',
    label: '家站点',
    icon: <HomeOutlined />,
    roles: ['congress_staff', 'station_staff'],
    page: lazy(() => import('../stations/StationsPage').then((m) => ({ default: m.StationsPage }))),
  },
  {
    path: 'station-stars',
    label: '星级排名',
    icon: <StarOutlined />,
    roles: ['congress_staff'],
    page: lazy(() => import('../stations/StarRankingPage').then((m) => ({ default: m.StarRankingPage }))),
  },
  {
    path: 'calendar',
    label: '工作日历',
    icon: <CalendarOutlined />,
    page: lazy(() => import('../calendar/CalendarPage').then((m) => ({ default: m.CalendarPage }))),
  },
  {
    path: 'notifications',
    label: '消息通知',
    icon: <BellOutlined />,
    page: lazy(() => import('../notifications/InboxPage').then((m) => ({ default: m.InboxPage }))),
  },
  {
    path: 'sms-outbox',
    label: '短信发件箱',
    icon: <MessageOutlined />,
    roles: ['sysadmin', 'congress_staff'],
    page: lazy(() => import('../notifications/SmsOutboxPage').then((m) => ({ default: m.SmsOutboxPage }))),
  },
  {
    path: 'webhooks',
    label: '群机器人',
    icon: <RobotOutlined />,
    roles: ['sysadmin'],
    page: lazy(() => import('../notifications/WebhooksPage').then((m) => ({ default: m.WebhooksPage }))),
  },
  {
    path: 'api-clients',
    label: '接口密钥',
    icon: <KeyOutlined />,
    roles: ['sysadmin'],
    page: lazy(() => import('../integrations/ApiClientsPage').then((m) => ({ default: m.ApiClientsPage }))),
  },
  {
    path: 'audit',
    label: '审计日志',
    icon: <AuditOutlined />,
    roles: ['auditadmin'],
    page: lazy(() => import('../audit/AuditPage').then((m) => ({ default: m.AuditPage }))),
  },
  {
    path: 'accounts',
    label: '账号管理',
    icon: <TeamOutlined />,
    roles: ['sysadmin', 'secadmin'],
    page: lazy(() => import('../accounts/AccountsPage').then((m) => ({ default: m.AccountsPage }))),
  },
  {
    path: 'settings',
    label: '参数设置',
    icon: <SettingOutlined />,
    roles: ['sysadmin', 'congress_staff'],
    page: lazy(() => import('../settings/SettingsPage').then((m) => ({ default: m.SettingsPage }))),
  },
  {
    path: 'receptions',
    label: '接待与预约',
    icon: <ScheduleOutlined />,
    roles: ['congress_staff', 'station_staff'],
    page: lazy(() => import('../receptions/ReceptionsPage').then((m) => ({ default: m.ReceptionsPage }))),
  },
  {
    path: 'workbench',
    label: '代表工作台',
    icon: <IdcardOutlined />,
    roles: ['deputy'],
    page: lazy(() => import('../workbench/WorkbenchPage').then((m) => ({ default: m.WorkbenchPage }))),
  },
  {
    path: 'coverage',
    label: '覆盖分析',
    icon: <EnvironmentOutlined />,
    roles: ['congress_staff', 'station_staff'],
    page: lazy(() => import('../reach/CoveragePage').then((m) => ({ default: m.CoveragePage }))),
  },
  {
    path: 'opinions',
    label: '民意受理',
    icon: <CommentOutlined />,
    roles: ['congress_staff', 'station_staff'],
    page: lazy(() => import('../opinions/OpinionQueue').then((m) => ({ default: m.TriagePage }))),
  },
  {
    path: 'opinion-inbox',
    label: '承办事项',
    icon: <InboxOutlined />,
    roles: ['department_handler'],
    page: lazy(() => import('../opinions/OpinionQueue').then((m) => ({ default: m.InboxPage }))),
  },
  {
    path: 'opinion-supervision',
    label: '督办看板',
    icon: <AlertOutlined />,
    roles: ['congress_staff'],
    page: lazy(() => import('../opinions/OpinionQueue').then((m) => ({ default: m.SupervisionPage }))),
  },
  {
    path: 'opinion-ledgers',
    label: '民意台账',
    icon: <BookOutlined />,
    roles: ['congress_staff', 'station_staff'],
    page: lazy(() => import('../opinions/OpinionQueue').then((m) => ({ default: m.LedgersPage }))),
  },
  {
    path: 'hotline-import',
    label: '12345工单导入',
    icon: <PhoneOutlined />,
    roles: ['congress_staff'],
    page: lazy(() => import('../opinions/HotlineImportPage').then((m) => ({ default: m.HotlineImportPage }))),
  },
  {
    path: 'opinions-received',
    label: '我收到的民意',
    icon: <CommentOutlined />,
    roles: ['deputy'],
    page: lazy(() => import('../opinions/OpinionQueue').then((m) => ({ default: m.ReceivedPage }))),
  },
  {
    path: 'security',
    label: '账号安全',
    icon: <SafetyCertificateOutlined />,
    page: lazy(() => import('../security/SecurityPage').then((m) => ({ default: m.SecurityPage }))),
  },
];
