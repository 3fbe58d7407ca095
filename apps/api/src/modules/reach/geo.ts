/**
 * Distances and a bucket index over latitude/longitude for "nearest" questions. Pure: no database,
 * no clock. A point carries a `key`: several points may share one (a deputy located at two
 * stations and a grid), and a query returns each key once, at its nearest point.
 */

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
/** A degree of latitude on the haversine sphere, rounded down so pruning bounds stay conservative. */
const METERS_PER_DEG = 111_000;

export interface LatLng {
  lat: number;
  lng: number;
}

/** Great-circle distance in metres. */
export function haversine(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const dLat = (bLat - aLat) * RAD;
  const dLng = (bLng - aLng) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * RAD) * Math.cos(bLat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

export function isValidLatLng(lat: number, lng: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
}

export interface IndexedPoint extends LatLng {
  /** What the point stands for (a station's or a deputy's array index); results are per key. */
  key: number;
  /** Free tag carried to the result (e.g. which station or grid placed the deputy here). */
  via: number;
}

export interface Hit {
  key: number;
  via: number;
  distance: number;
}

/**
 * Points bucketed into square cells of `cellDeg` degrees (stored flat, sorted by cell); a query
 * walks rings of cells outwards from the query's cell and stops once no unvisited cell can hold
 * anything nearer than the k-th best distinct key so far. Distances are exact haversine (compared
 * as the haversine term, which grows with distance); the cells only prune. Queries allocate almost
 * nothing: per-key scratch arrays are reused, stamped with a query generation.
 */
export class BucketIndex {
  /** cellId → [start, end) in the flat arrays. */
  private readonly ranges = new Map<number, readonly [number, number]>();
  private readonly lat: Float64Array;
  private readonly lng: Float64Array;
  private readonly cosLat: Float64Array;
  private readonly key: Int32Array;
  private readonly via: Int32Array;
  private readonly minCx: number = 0;
  private readonly maxCx: number = -1;
  private readonly minCy: number = 0;
  private readonly maxCy: number = -1;
  private readonly maxAbsLat: number = 0;
  // Per-key scratch for one query.
  private readonly best: Float64Array;
  private readonly bestVia: Int32Array;
  private readonly stamp: Uint32Array;
  private readonly touched: Int32Array;
  private generation = 0;
  readonly size: number;

  constructor(
    points: readonly IndexedPoint[],
    private readonly cellDeg = 0.01,
  ) {
    this.size = points.length;
    const cells = points.map((p) => this.cellId(this.cx(p.lng), this.cy(p.lat)));
    const order = points.map((_, i) => i).sort((a, b) => cells[a]! - cells[b]!);
    this.lat = new Float64Array(order.map((i) => points[i]!.lat));
    this.lng = new Float64Array(order.map((i) => points[i]!.lng));
    this.cosLat = this.lat.map((l) => Math.cos(l * RAD));
    this.key = new Int32Array(order.map((i) => points[i]!.key));
    this.via = new Int32Array(order.map((i) => points[i]!.via));
    let from = 0;
    for (let at = 1; at <= order.length; at++) {
      if (at === order.length || cells[order[at]!] !== cells[order[from]!]) {
        this.ranges.set(cells[order[from]!]!, [from, at]);
        from = at;
      }
    }
    if (points.length > 0) {
      const xs = points.map((p) => this.cx(p.lng));
      const ys = points.map((p) => this.cy(p.lat));
      this.minCx = Math.min(...xs);
      this.maxCx = Math.max(...xs);
      this.minCy = Math.min(...ys);
      this.maxCy = Math.max(...ys);
      this.maxAbsLat = Math.max(...points.map((p) => Math.abs(p.lat)));
    }
    const keys = points.reduce((m, p) => Math.max(m, p.key + 1), 0);
    this.best = new Float64Array(keys);
    this.bestVia = new Int32Array(keys);
    this.stamp = new Uint32Array(keys);
    this.touched = new Int32Array(keys);
  }

  private cx(lng: number): number {
    return Math.floor(lng / this.cellDeg);
  }
  private cy(lat: number): number {
    return Math.floor(lat / this.cellDeg);
  }
  private cellId(cx: number, cy: number): number {
    // Cells fit comfortably: |cx| ≤ 18,000 and |cy| ≤ 9,000 at 0.01°.
    return (cy + 50_000) * 100_000 + (cx + 50_000);
  }

  /** The `k` nearest distinct keys, nearest first, optionally within `maxMeters`. */
  nearest(lat: number, lng: number, k: number, maxMeters = Infinity): Hit[] {
    if (this.size === 0 || k <= 0) return [];
    const gen = ++this.generation;
    const qx = this.cx(lng);
    const qy = this.cy(lat);
    const cosQ = Math.cos(lat * RAD);
    const maxTerm = termOf(maxMeters);
    let touchedCount = 0;
    const top = new Int32Array(k);
    let topCount = 0;
    // The narrowest cell side that matters here (cells shrink east-west away from the equator).
    const widestLat = Math.min(89, Math.max(this.maxAbsLat, Math.abs(lat)) + this.cellDeg);
    const cellMeters = this.cellDeg * METERS_PER_DEG * Math.cos(widestLat * RAD);
    const scan = (x: number, y: number) => {
      if (x < this.minCx || x > this.maxCx || y < this.minCy || y > this.maxCy) return;
      const range = this.ranges.get(this.cellId(x, y));
      if (!range) return;
      for (let i = range[0]; i < range[1]; i++) {
        const dLat = (this.lat[i]! - lat) * RAD;
        const dLng = (this.lng[i]! - lng) * RAD;
        const t = Math.sin(dLat / 2) ** 2 + cosQ * this.cosLat[i]! * Math.sin(dLng / 2) ** 2;
        if (t > maxTerm) continue;
        const key = this.key[i]!;
        if (this.stamp[key] !== gen) {
          this.stamp[key] = gen;
          this.best[key] = t;
          this.bestVia[key] = this.via[i]!;
          this.touched[touchedCount++] = key;
        } else if (t < this.best[key]!) {
          this.best[key] = t;
          this.bestVia[key] = this.via[i]!;
        }
      }
    };
    const lastRing = Math.max(
      Math.abs(qx - this.minCx),
      Math.abs(qx - this.maxCx),
      Math.abs(qy - this.minCy),
      Math.abs(qy - this.maxCy),
    );
    for (let r = 0; r <= lastRing; r++) {
      const before = touchedCount;
      if (r === 0) scan(qx, qy);
      else {
        for (let x = qx - r; x <= qx + r; x++) {
          scan(x, qy - r);
          scan(x, qy + r);
        }
        for (let y = qy - r + 1; y <= qy + r - 1; y++) {
          scan(qx - r, y);
          scan(qx + r, y);
        }
      }
      if (touchedCount !== before || r === 0) topCount = this.selectTop(top, touchedCount);
      // Anything in ring r+1 or further is at least r whole cells away.
      const bound = r * cellMeters;
      if (bound > maxMeters) break;
      if (topCount >= k && this.best[top[k - 1]!]! <= termOf(bound)) break;
    }
    topCount = this.selectTop(top, touchedCount);
    const hits: Hit[] = [];
    for (let i = 0; i < topCount; i++) {
      const key = top[i]!;
      hits.push({
        key,
        via: this.bestVia[key]!,
        distance: 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(this.best[key]!))),
      });
    }
    return hits;
  }

  /** The k best touched keys into `top` (insertion into a short sorted list); returns how many. */
  private selectTop(top: Int32Array, touchedCount: number): number {
    const k = top.length;
    let n = 0;
    for (let j = 0; j < touchedCount; j++) {
      const key = this.touched[j]!;
      const t = this.best[key]!;
      if (n === k && !before(t, key, this.best[top[k - 1]!]!, top[k - 1]!)) continue;
      let at = n < k ? n++ : k - 1;
      while (at > 0 && before(t, key, this.best[top[at - 1]!]!, top[at - 1]!)) {
        top[at] = top[at - 1]!;
        at--;
      }
      top[at] = key;
    }
    return n;
  }
}

const before = (t: number, key: number, u: number, other: number) => t < u || (t === u && key < other);

/** The haversine term for a distance: sin²(d / 2R) (monotonic in d, so terms compare like distances). */
function termOf(meters: number): number {
  if (!Number.isFinite(meters)) return Infinity;
  return Math.sin(Math.min(Math.PI / 2, meters / (2 * EARTH_RADIUS_M))) ** 2;
}

function topK(best: Map<number, Hit>, k: number): Hit[] {
  const all = [...best.values()];
  all.sort((a, b) => a.distance - b.distance || a.key - b.key);
  return all.slice(0, k);
}

/** The same question answered by looking at every point: the baseline for tests and benchmarks. */
export function linearNearest(points: readonly IndexedPoint[], lat: number, lng: number, k: number): Hit[] {
  const best = new Map<number, Hit>();
  for (const p of points) {
    const d = haversine(lat, lng, p.lat, p.lng);
    const prev = best.get(p.key);
    if (!prev || d < prev.distance) best.set(p.key, { key: p.key, via: p.via, distance: d });
  }
  return topK(best, k);
}
