export interface RegionCounts {
  townships: number;
  communities: number;
  grids: number;
  deputies: number;
  stations: number;
  departments: number;
}

/** `GET /api/public/region` */
export interface PublicRegion {
  code: string;
  name: string;
  congressName: string;
  counts: RegionCounts;
}

/** `GET /api/public/townships` items */
export interface PublicTownship {
  code: string;
  name: string;
}

/** `GET /api/public/stations` items */
export interface PublicStation {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  address: string;
  townshipName: string;
  openingHours: string | null;
  deputyCount: number;
}

export interface ItemsOf<T> {
  items: T[];
}
