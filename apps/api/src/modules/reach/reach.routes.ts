import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { reachPublicRoutes } from './reach.public.routes';
import { reachStaffRoutes } from './reach.staff.routes';

/** 我要找代表 / 代表赋码亮身份: public pages, QR codes, find, printables and coverage. */
export function reachRoutes(app: App, ctx: AppContext): void {
  reachPublicRoutes(app, ctx);
  reachStaffRoutes(app, ctx);
}
