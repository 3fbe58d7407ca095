import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { locatePoint } from './location';
import { idParams, locateOut, locateQuery, relocateBody } from './opinions.http';
import { opinionDetail } from './queries.usecases';
import { relocateOpinion } from './relocate.usecases';
import { cachedRegionPlaces } from './submissions';

/** Where an opinion belongs: the portal's 使用我的位置 and staff's 改正位置. */
export function locationRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/public/locate',
    {
      config: { access: 'public' },
      schema: {
        tags: ['门户'],
        summary: '使用我的位置：定位点所在的街道、社区和网格（不在本区的定位点不予接受）',
        querystring: locateQuery,
        response: { 200: locateOut },
      },
    },
    async (req) =>
      locatePoint(ctx, ctx.config.REGION_CODE, req.query.lat, req.query.lng, () =>
        cachedRegionPlaces(ctx, ctx.config.REGION_CODE),
      ),
  );

  app.post(
    '/api/opinions/:id/relocate',
    {
      config: { access: { roles: ['congress_staff', 'station_staff'] } },
      schema: {
        tags: ['民意受理'],
        summary: '改正位置（街镇/社区/网格，须说明理由，记入办理过程和审计）',
        params: idParams,
        body: relocateBody,
      },
    },
    async (req) => {
      await relocateOpinion(ctx, req.actor!, req.params.id, req.body);
      return opinionDetail(ctx, req.actor!, req.params.id);
    },
  );
}
