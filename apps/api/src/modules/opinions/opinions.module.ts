import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { opinionConfigRoutes } from './config.routes';
import { disclosureRoutes } from './disclosure.routes';
import { hotlineRoutes } from './hotline.routes';
import { locationRoutes } from './location.routes';
import { opinionsPublicRoutes } from './opinions.public.routes';
import { opinionsStaffRoutes } from './opinions.routes';

export { registerOpinionSubscribers } from './opinions.subscribers';

export function opinionsRoutes(app: App, ctx: AppContext): void {
  opinionsStaffRoutes(app, ctx);
  opinionsPublicRoutes(app, ctx);
  disclosureRoutes(app, ctx);
  hotlineRoutes(app, ctx);
  opinionConfigRoutes(app, ctx);
  locationRoutes(app, ctx);
}
