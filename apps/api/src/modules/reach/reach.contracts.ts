import { z } from 'zod';

/**
 * Response shapes of the reach endpoints. They are allow-lists: a field missing here never leaves
 * the server, whatever a use case returns (the serializer strips unknown keys).
 */
const distance = z.number().nullable();

const foundStation = z.object({
  code: z.string(),
  name: z.string(),
  kindLabel: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  distanceMeters: distance,
});

const foundDeputy = z.object({
  code: z.string(),
  name: z.string(),
  levelLabel: z.string(),
  distanceMeters: distance,
  via: z
    .object({ kind: z.enum(['station', 'grid']), name: z.string(), stationCode: z.string().nullable() })
    .nullable(),
});

export const nearestResult = z.object({ stations: z.array(foundStation), deputies: z.array(foundDeputy) });

export const areaResult = z.object({
  area: z.object({
    code: z.string(),
    name: z.string(),
    level: z.enum(['community', 'grid']),
    communityName: z.string().nullable(),
    townshipName: z.string().nullable(),
  }),
  stations: z.array(foundStation),
  deputies: z.array(foundDeputy),
});

export const expertiseResult = z.object({
  q: z.string(),
  tags: z.array(z.string()),
  deputies: z.array(
    foundDeputy.extend({
      expertise: z.array(z.string()),
      occupationCategory: z.string().nullable(),
      score: z.number(),
      reasons: z.array(z.string()),
    }),
  ),
});

const mandate = z.object({
  level: z.string(),
  label: z.string(),
  fullLabel: z.string(),
  term: z.number(),
  termLabel: z.string(),
  electoralDistrict: z.string().nullable(),
  delegation: z.string().nullable(),
  groupName: z.string().nullable(),
});

export const publicDeputy = z.object({
  code: z.string(),
  name: z.string(),
  gender: z.string(),
  photoUrl: z.string().nullable(),
  duties: z.string().nullable(),
  occupationCategory: z.string().nullable(),
  /** Only when the deputy chose to show it (contactPrefs.showWorkplace). */
  workplace: z.string().nullable(),
  expertise: z.array(z.string()),
  levelLabel: z.string(),
  levels: z.array(mandate),
  grids: z.array(z.object({ code: z.string(), name: z.string(), communityName: z.string().nullable() })),
  receivesAtStations: z.boolean(),
  stations: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kindLabel: z.string(),
      address: z.string(),
      openingHours: z.string().nullable(),
      schedule: z.array(z.string()),
    }),
  ),
});

export const publicStation = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  address: z.string(),
  townshipName: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  openingHours: z.string().nullable(),
  /** The station's public desk line (not personal data). */
  deskPhone: z.string().nullable(),
  description: z.string().nullable(),
  photoUrl: z.string().nullable(),
  schedule: z.array(z.string()),
  deputies: z.array(z.object({ code: z.string(), name: z.string(), levelLabel: z.string() })),
});

export const mapConfig = z.object({ tileUrl: z.string().nullable(), attribution: z.string().nullable() });

const areaCoverage = z.object({
  code: z.string(),
  name: z.string(),
  parentName: z.string().nullable(),
  lat: z.number(),
  lng: z.number(),
  nearestStation: z.object({ code: z.string(), name: z.string() }).nullable(),
  distanceMeters: distance,
});
const tally = z.object({
  total: z.number(),
  covered: z.number(),
  uncovered: z.number(),
  noLocation: z.number(),
});

export const coverageResult = z.object({
  scope: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  center: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  radiusMeters: z.number(),
  summary: z.object({
    grids: tally,
    communities: tally,
    deputies: z.object({ total: z.number(), unassigned: z.number() }),
    stations: z.object({ total: z.number(), noLocation: z.number() }),
  }),
  stations: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kindLabel: z.string(),
      address: z.string(),
      lat: z.number(),
      lng: z.number(),
      inScope: z.boolean(),
    }),
  ),
  uncoveredGrids: z.array(areaCoverage),
  uncoveredCommunities: z.array(areaCoverage),
  unassignedDeputies: z.array(
    z.object({ id: z.string(), code: z.string(), name: z.string(), levelLabel: z.string() }),
  ),
});
