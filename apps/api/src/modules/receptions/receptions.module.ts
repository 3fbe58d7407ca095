import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { receptionsPublicRoutes } from './public.routes';
import { receptionsStaffRoutes } from './receptions.routes';

export { registerReceptionSubscribers } from './booking-timers';

export function receptionsRoutes(app: App, ctx: AppContext): void {
  receptionsStaffRoutes(app, ctx);
  receptionsPublicRoutes(app, ctx);
}
