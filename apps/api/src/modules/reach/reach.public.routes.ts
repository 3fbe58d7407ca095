import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { findByArea, findByExpertise, findNearest, listAreas } from './find.usecases';
import { deputyProfile, stationProfile } from './public.usecases';
import { deputyLink, qrPng, qrSvg, stationLink } from './qr';
import {
  areaResult,
  expertiseResult,
  mapConfig,
  nearestResult,
  publicDeputy,
  publicStation,
} from './reach.contracts';
import { reachErrors } from './reach.errors';
import { findDeputies, findStation } from './reach.repository';

const TAGS = ['门户'];
const publicCode = z.string().regex(/^[0-9A-Za-z_-]{4,32}$/, '编码格式不正确');
const qrFile = z.string().regex(/^[0-9A-Za-z_-]{4,32}\.(svg|png)$/, '二维码文件名格式不正确');
const lat = z.coerce.number().min(-90, '纬度不正确').max(90, '纬度不正确');
const lng = z.coerce.number().min(-180, '经度不正确').max(180, '经度不正确');
const limit = z.coerce.number().int().min(1).max(50).default(10);
const areaCode = z.string().regex(/^\d{9,15}$/, '区划代码格式不正确');

/** The citizen-facing reach endpoints: no sign-in, nothing private in any response. */
export function reachPublicRoutes(app: App, ctx: AppContext): void {
  const region = ctx.config.REGION_CODE;
  const { db } = ctx.database;
  const access = 'public' as const;

  app.get(
    '/api/public/deputies/:code',
    {
      config: { access },
      schema: {
        tags: TAGS,
        summary: '代表公开信息（亮身份页面）',
        params: z.object({ code: publicCode }),
        response: { 200: publicDeputy },
      },
    },
    (req) => deputyProfile(ctx, region, { code: req.params.code }),
  );

  app.get(
    '/api/public/stations/:code',
    {
      config: { access },
      schema: {
        tags: TAGS,
        summary: '代表之家/联络站公开信息',
        params: z.object({ code: publicCode }),
        response: { 200: publicStation },
      },
    },
    (req) => stationProfile(ctx, region, { code: req.params.code }),
  );

  const qrRoute = (kind: 'deputy' | 'station') =>
    app.get(
      `/api/public/qr/${kind}/:file`,
      {
        config: { access },
        schema: {
          tags: TAGS,
          summary: kind === 'deputy' ? '代表二维码（.svg 或 .png）' : '站点二维码（.svg 或 .png）',
          params: z.object({ file: qrFile }),
        },
      },
      async (req, reply) => {
        const [code, ext] = req.params.file.split('.') as [string, 'svg' | 'png'];
        const exists =
          kind === 'deputy'
            ? (await findDeputies(db, region, { code })).length > 0
            : (await findStation(db, region, { code })) !== undefined;
        if (!exists)
          throw kind === 'deputy' ? reachErrors.deputy_not_found() : reachErrors.station_not_found();
        const url = (kind === 'deputy' ? deputyLink : stationLink)(ctx.config.publicBaseUrl, code);
        reply.header('cache-control', 'public, max-age=3600');
        if (ext === 'svg') return reply.type('image/svg+xml; charset=utf-8').send(await qrSvg(url));
        return reply.type('image/png').send(await qrPng(url));
      },
    );
  qrRoute('deputy');
  qrRoute('station');

  app.get(
    '/api/public/find/nearest',
    {
      config: { access },
      schema: {
        tags: TAGS,
        summary: '附近的代表之家/联络站和代表',
        querystring: z.object({ lat, lng, limit }),
        response: { 200: nearestResult },
      },
    },
    (req) => findNearest(ctx, region, req.query),
  );

  app.get(
    '/api/public/find/by-area',
    {
      config: { access },
      schema: {
        tags: TAGS,
        summary: '按社区或网格找代表',
        querystring: z
          .object({ community: areaCode.optional(), grid: areaCode.optional() })
          .refine((q) => Boolean(q.community) !== Boolean(q.grid), '请选择一个社区或一个网格'),
        response: { 200: areaResult },
      },
    },
    (req) => findByArea(ctx, region, (req.query.grid ?? req.query.community)!),
  );

  app.get(
    '/api/public/find/expertise',
    {
      config: { access },
      schema: {
        tags: TAGS,
        summary: '按问题找有相关专长的代表',
        querystring: z.object({
          q: z.string().trim().min(1, '请描述您遇到的问题').max(50, '问题描述不超过 50 字'),
          lat: lat.optional(),
          lng: lng.optional(),
          limit,
        }),
        response: { 200: expertiseResult },
      },
    },
    (req) => findByExpertise(ctx, region, req.query),
  );

  app.get(
    '/api/public/areas',
    {
      config: { access },
      schema: {
        tags: TAGS,
        summary: '街道镇下的社区，或社区下的网格',
        querystring: z.object({ parent: areaCode }),
        response: {
          200: z.object({
            items: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
          }),
        },
      },
    },
    (req) => listAreas(ctx, region, req.query.parent),
  );

  app.get(
    '/api/public/map-config',
    {
      config: { access },
      schema: { tags: TAGS, summary: '地图底图配置（未配置时使用纯色背景）', response: { 200: mapConfig } },
    },
    async () => ({
      tileUrl: ctx.config.MAP_TILE_URL ?? null,
      attribution: ctx.config.MAP_TILE_ATTRIBUTION ?? null,
    }),
  );
}
