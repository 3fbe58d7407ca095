import type { AppContext } from '../kernel/context';
import type { App } from '../kernel/http/app';
import { accountsRoutes } from './accounts/accounts.routes';
import {
  activitiesRoutes,
  armQuotaChecks,
  registerActivitySubscribers,
} from './activities/activities.module';
import { archiveRoutes } from './activities/archive.routes';
import { auditRoutes } from './audit/audit.routes';
import { calendarRoutes } from './calendar/calendar.routes';
import { settingsRoutes } from './congresses/settings.routes';
import { deputiesRoutes } from './deputies/deputies.routes';
import { deputyContactRoutes } from './deputies/deputy-contact.routes';
import { registerLiaisonSubscribers } from './deputies/liaison.subscribers';
import { directoryRoutes } from './directory/directory.routes';
import { failInterruptedImports } from './imports/import-jobs';
import { integrationsRoutes } from './integrations/integrations.routes';
import { jurisdictionsRoutes } from './jurisdictions/jurisdictions.routes';
import { mediationRoutes, registerMediationSubscribers } from './mediation/mediation.module';
import { notificationsRoutes } from './notifications/notifications.routes';
import { registerNotificationSubscribers } from './notifications/notifications.subscribers';
import { webhooksRoutes } from './notifications/webhooks.routes';
import { open311Routes } from './open311/open311.routes';
import { opinionsRoutes, registerOpinionSubscribers } from './opinions/opinions.module';
import { backfillSearchVectors } from './opinions/search';
import { filePendingSubmissions } from './opinions/submissions';
import { reachRoutes } from './reach/reach.routes';
import { receptionsRoutes, registerReceptionSubscribers } from './receptions/receptions.module';
import { stationsRoutes } from './stations/stations.routes';
import { registerSuggestionSubscribers, suggestionsRoutes } from './suggestions/suggestions.module';
import { workbenchRoutes } from './workbench/workbench.routes';

export interface Module {
  name: string;
  routes?: (app: App, ctx: AppContext) => void;
  subscribe?: (ctx: AppContext) => void;
  /** Runs once when a server starts, after migrations (e.g. to clean up work a stopped process left). */
  onStart?: (ctx: AppContext) => Promise<unknown>;
  /** Polled by the job runner with the timers and the outbox; returns how many items it handled. */
  jobs?: (ctx: AppContext) => Promise<number>;
}

/** The one explicit list of modules (no autoloading): add a line to add a module. */
export const modules: Module[] = [
  { name: 'accounts', routes: accountsRoutes },
  { name: 'jurisdictions', routes: jurisdictionsRoutes },
  { name: 'directory', routes: directoryRoutes },
  { name: 'deputy-contact', routes: deputyContactRoutes },
  {
    name: 'deputies',
    routes: deputiesRoutes,
    subscribe: registerLiaisonSubscribers,
    onStart: failInterruptedImports,
  },
  { name: 'settings', routes: settingsRoutes },
  { name: 'calendar', routes: calendarRoutes },
  { name: 'notifications', routes: notificationsRoutes, subscribe: registerNotificationSubscribers },
  { name: 'webhooks', routes: webhooksRoutes },
  { name: 'audit', routes: auditRoutes },
  { name: 'reach', routes: reachRoutes },
  { name: 'receptions', routes: receptionsRoutes, subscribe: registerReceptionSubscribers },
  { name: 'workbench', routes: workbenchRoutes },
  { name: 'stations', routes: stationsRoutes },
  {
    name: 'opinions',
    routes: opinionsRoutes,
    subscribe: registerOpinionSubscribers,
    jobs: (ctx) => filePendingSubmissions(ctx),
    // In the background: a large region's backfill must not hold the server's start.
    onStart: async (ctx) => {
      void backfillSearchVectors(ctx.database.db).catch((err: unknown) =>
        ctx.log.error({ err: String(err) }, 'search backfill failed'),
      );
    },
  },
  { name: 'integrations', routes: integrationsRoutes },
  { name: 'open311', routes: open311Routes },
  { name: 'suggestions', routes: suggestionsRoutes, subscribe: registerSuggestionSubscribers },
  { name: 'mediation', routes: mediationRoutes, subscribe: registerMediationSubscribers },
  {
    name: 'activities',
    routes: activitiesRoutes,
    subscribe: registerActivitySubscribers,
    onStart: armQuotaChecks,
  },
  { name: 'archives', routes: archiveRoutes },
];
