import { z } from 'zod';
import { deputyStatuses } from './deputies.model';
import { mandateLevels } from './deputies.schema';

const s = z.string();
const ns = z.string().nullable();

/** The staff view of a deputy (responses are serialised through it: nothing else leaves). */
export const deputyView = z.object({
  id: s,
  publicCode: s,
  jurisdictionCode: s,
  jurisdictionName: s,
  name: s,
  gender: z.enum(['男', '女']),
  ethnicity: s,
  birthYear: z.number().nullable(),
  party: ns,
  occupationCategory: ns,
  workplace: ns,
  duties: ns,
  photoUrl: ns,
  expertise: z.array(s),
  professionalGroups: z.array(s),
  contactPrefs: z.record(s, z.boolean()),
  phoneMasked: ns,
  status: z.enum(deputyStatuses),
  statusLabel: s,
  statusChangedOn: ns,
  statusReason: ns,
  mandates: z.array(
    z.object({
      id: s,
      level: z.enum(mandateLevels),
      levelLabel: s,
      congressJurisdictionCode: s,
      term: z.number(),
      electoralDistrict: ns,
      delegation: ns,
      groupName: ns,
      startedOn: ns,
      endedOn: ns,
    }),
  ),
  grids: z.array(z.object({ code: s, name: s })),
  stations: z.array(z.object({ id: s, name: s })),
});

export const deputyPage = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(deputyView),
});

export const rowError = z.object({ row: z.number(), column: s, message: s });

export const importJobView = z.object({
  id: s,
  status: z.enum(['validating', 'importing', 'done', 'rejected', 'failed']),
  mode: z.enum(['all_or_nothing', 'clean_rows']),
  total: z.number(),
  processed: z.number(),
  imported: z.number(),
  errors: z.array(rowError),
  errorCount: z.number(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

export const deputyOptions = z.object({
  scope: z.object({ code: s, name: s }),
  grids: z.array(z.object({ code: s, name: s, parentName: s })),
  stations: z.array(z.object({ id: s, name: s })),
  professionalGroups: z.array(s),
  occupationCategories: z.array(s),
  levels: z.array(z.object({ value: z.enum(mandateLevels), label: s })),
});
