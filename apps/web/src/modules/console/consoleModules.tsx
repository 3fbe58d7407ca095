import {
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  DashboardOutlined,
  MessageOutlined,
  RobotOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
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
    path: 'security',
    label: '账号安全',
    icon: <SafetyCertificateOutlined />,
    page: lazy(() => import('../security/SecurityPage').then((m) => ({ default: m.SecurityPage }))),
  },
];
