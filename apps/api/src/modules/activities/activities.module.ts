import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { activitiesRoutes as registrationRoutes } from './activities.routes';
import { registerActivitySubscribers as registerEvidenceSubscribers } from './activities.subscribers';
import { publicLogRoutes } from './public-log.routes';
import { quotasRoutes } from './quotas.routes';
import { registerQuotaSubscribers } from './quotas.subscribers';
import { voterReportsRoutes } from './voter-reports.routes';
import { registerVoterReportSubscribers } from './voter-reports.subscribers';

export { armQuotaChecks } from './quotas.usecases';

/** 履职登记 and points, 履职要求, 述职评议 and the public 履职日志. */
export function activitiesRoutes(app: App, ctx: AppContext): void {
  registrationRoutes(app, ctx);
  quotasRoutes(app, ctx);
  voterReportsRoutes(app, ctx);
  publicLogRoutes(app, ctx);
}

export function registerActivitySubscribers(ctx: AppContext): void {
  registerEvidenceSubscribers(ctx);
  registerQuotaSubscribers(ctx);
  registerVoterReportSubscribers(ctx);
}
