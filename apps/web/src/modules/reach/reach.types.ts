/** Shapes of the reach endpoints (apps/api/src/modules/reach/reach.contracts.ts). */

export interface FoundStation {
  code: string;
  name: string;
  kindLabel: string;
  address: string;
  lat: number | null;
  lng: number | null;
  distanceMeters: number | null;
}

export interface FoundDeputy {
  code: string;
  name: string;
  levelLabel: string;
  distanceMeters: number | null;
  via: { kind: 'station' | 'grid'; name: string; stationCode: string | null } | null;
}

/** `GET /api/public/find/nearest` */
export interface NearestResult {
  stations: FoundStation[];
  deputies: FoundDeputy[];
}

/** `GET /api/public/find/by-area` */
export interface AreaResult extends NearestResult {
  area: {
    code: string;
    name: string;
    level: 'community' | 'grid';
    communityName: string | null;
    townshipName: string | null;
  };
}

/** `GET /api/public/find/expertise` */
export interface ExpertiseResult {
  q: string;
  tags: string[];
  deputies: Array<
    FoundDeputy & { expertise: string[]; occupationCategory: string | null; score: number; reasons: string[] }
  >;
}

export interface PublicMandate {
  level: string;
  label: string;
  fullLabel: string;
  term: number;
  termLabel: string;
  electoralDistrict: string | null;
  delegation: string | null;
  groupName: string | null;
}

/** `GET /api/public/deputies/:code` */
export interface PublicDeputy {
  code: string;
  name: string;
  gender: string;
  photoUrl: string | null;
  duties: string | null;
  occupationCategory: string | null;
  workplace: string | null;
  expertise: string[];
  levelLabel: string;
  levels: PublicMandate[];
  grids: Array<{ code: string; name: string; communityName: string | null }>;
  receivesAtStations: boolean;
  stations: Array<{
    code: string;
    name: string;
    kindLabel: string;
    address: string;
    openingHours: string | null;
    schedule: string[];
  }>;
}

/** `GET /api/public/stations/:code` */
export interface PublicStationDetail {
  code: string;
  name: string;
  kind: string;
  kindLabel: string;
  address: string;
  townshipName: string | null;
  lat: number | null;
  lng: number | null;
  openingHours: string | null;
  deskPhone: string | null;
  description: string | null;
  photoUrl: string | null;
  schedule: string[];
  deputies: Array<{ code: string; name: string; levelLabel: string }>;
}

export interface AreaOption {
  code: string;
  name: string;
  level: string;
}

/** `GET /api/public/map-config` */
export interface MapConfig {
  tileUrl: string | null;
  attribution: string | null;
}

export interface AreaCoverage {
  code: string;
  name: string;
  parentName: string | null;
  lat: number;
  lng: number;
  nearestStation: { code: string; name: string } | null;
  distanceMeters: number | null;
}

interface Tally {
  total: number;
  covered: number;
  uncovered: number;
  noLocation: number;
}

/** `GET /api/coverage` */
export interface CoverageReport {
  scope: { code: string; name: string; level: string };
  center: { lat: number; lng: number } | null;
  radiusMeters: number;
  summary: {
    grids: Tally;
    communities: Tally;
    deputies: { total: number; unassigned: number };
    stations: { total: number; noLocation: number };
  };
  stations: Array<{
    code: string;
    name: string;
    kindLabel: string;
    address: string;
    lat: number;
    lng: number;
    inScope: boolean;
  }>;
  uncoveredGrids: AreaCoverage[];
  uncoveredCommunities: AreaCoverage[];
  unassignedDeputies: Array<{ id: string; code: string; name: string; levelLabel: string }>;
}

export function distanceText(meters: number | null): string {
  if (meters === null) return '';
  return meters >= 1000 ? `${(meters / 1000).toFixed(1)} 公里` : `${meters} 米`;
}
