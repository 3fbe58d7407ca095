import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { deputyCandidates, setStationDeputies, setStationStaff, staffCandidates } from './people.usecases';
import { standardsRoutes } from './standards.routes';
import { STATION_MANAGERS, STATION_READERS } from './stations.access';
import {
  accountIdsBody,
  createStationBody,
  deputyIdsBody,
  deputyItem,
  listQuery,
  staffItem,
  stationDetail,
  stationId,
  stationListItem,
  updateStationBody,
} from './stations.inputs';
import { createStation, getStationDetail, listStationsFor, updateStation } from './stations.usecases';
import './stations.settings';
import './metrics.builtin';

const tags = ['家站点'];
const readers = { access: { roles: STATION_READERS } };
const managers = { access: { roles: STATION_MANAGERS } };

export function stationsRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/stations',
    {
      config: readers,
      schema: {
        tags,
        summary: '家站点列表（本辖区，分页）',
        querystring: listQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(stationListItem) }) },
      },
    },
    async (req) => {
      const { active, ...q } = req.query;
      return listStationsFor(ctx, req.actor!, {
        ...q,
        active: active === undefined ? undefined : active === 'true',
      });
    },
  );

  app.post(
    '/api/stations',
    {
      config: managers,
      schema: {
        tags,
        summary: '新建家站点',
        body: createStationBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createStation(ctx, req.actor!, req.body)),
  );

  app.get(
    '/api/stations/:id',
    {
      config: readers,
      schema: { tags, summary: '家站点详情', params: stationId, response: { 200: stationDetail } },
    },
    async (req) => getStationDetail(ctx, req.actor!, req.params.id),
  );

  app.patch(
    '/api/stations/:id',
    {
      config: readers,
      schema: {
        tags,
        summary: '修改家站点信息（联络员可改本站基本信息）',
        params: stationId,
        body: updateStationBody,
      },
    },
    async (req) => {
      await updateStation(ctx, req.actor!, req.params.id, req.body);
      return getStationDetail(ctx, req.actor!, req.params.id);
    },
  );

  app.put(
    '/api/stations/:id/deputies',
    {
      config: managers,
      schema: { tags, summary: '设置进站代表', params: stationId, body: deputyIdsBody },
    },
    async (req) => {
      await setStationDeputies(ctx, req.actor!, req.params.id, req.body.deputyIds);
      return { saved: true };
    },
  );

  app.put(
    '/api/stations/:id/staff',
    {
      config: managers,
      schema: { tags, summary: '设置联络员', params: stationId, body: accountIdsBody },
    },
    async (req) => {
      await setStationStaff(ctx, req.actor!, req.params.id, req.body.accountIds);
      return { saved: true };
    },
  );

  app.get(
    '/api/stations/:id/deputy-candidates',
    {
      config: managers,
      schema: {
        tags,
        summary: '可进站的代表（本辖区在任代表）',
        params: stationId,
        querystring: z.object({ q: z.string().trim().max(20).optional() }),
        response: { 200: z.object({ items: z.array(deputyItem) }) },
      },
    },
    async (req) => ({ items: await deputyCandidates(ctx, req.actor!, req.params.id, req.query.q) }),
  );

  app.get(
    '/api/stations/:id/staff-candidates',
    {
      config: managers,
      schema: {
        tags,
        summary: '可设为联络员的账号（本辖区家站点工作人员）',
        params: stationId,
        response: { 200: z.object({ items: z.array(staffItem) }) },
      },
    },
    async (req) => ({ items: await staffCandidates(ctx, req.actor!, req.params.id) }),
  );

  standardsRoutes(app, ctx);
}
