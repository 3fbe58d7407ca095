import { describe, expect, it } from 'vitest';
import { BucketIndex, haversine, type IndexedPoint, linearNearest } from './geo';

/** mulberry32, so failures reproduce. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('haversine', () => {
  it('measures a degree of latitude as about 111 km and is symmetric', () => {
    expect(haversine(31, 121, 32, 121)).toBeCloseTo(111_195, -1);
    expect(haversine(31.1, 121.4, 31.2, 121.5)).toBeCloseTo(haversine(31.2, 121.5, 31.1, 121.4), 6);
    expect(haversine(31.1, 121.4, 31.1, 121.4)).toBe(0);
  });
});

describe('BucketIndex', () => {
  const r = rng(7);
  // Clustered like a district: most points near a few centres, some scattered, several per key.
  const centres = Array.from({ length: 12 }, () => [31 + r() * 0.3, 121.2 + r() * 0.4] as const);
  const points: IndexedPoint[] = [];
  for (let key = 0; key < 1500; key++) {
    for (let j = 0; j < 1 + Math.floor(r() * 3); j++) {
      const [lat, lng] =
        r() < 0.8 ? centres[Math.floor(r() * centres.length)]! : [31 + r() * 0.3, 121.2 + r() * 0.4];
      points.push({ lat: lat + (r() - 0.5) * 0.02, lng: lng + (r() - 0.5) * 0.02, key, via: j });
    }
  }
  const index = new BucketIndex(points);

  it('answers exactly what a linear scan answers, one hit per key', () => {
    for (let q = 0; q < 300; q++) {
      // Queries inside, at the edge of and far outside the data.
      const lat = 30.8 + r() * 0.8;
      const lng = 121 + r() * 0.9;
      const k = 1 + Math.floor(r() * 20);
      const got = index.nearest(lat, lng, k);
      const want = linearNearest(points, lat, lng, k);
      expect(got.map((h) => h.key)).toEqual(want.map((h) => h.key));
      expect(got.map((h) => h.distance)).toEqual(want.map((h) => h.distance));
      expect(new Set(got.map((h) => h.key)).size).toBe(got.length);
    }
  });

  it('respects a maximum distance and copes with empty input', () => {
    const hits = index.nearest(31.15, 121.4, 1000, 800);
    expect(hits.every((h) => h.distance <= 800)).toBe(true);
    expect(hits.length).toBe(
      linearNearest(points, 31.15, 121.4, 100_000).filter((h) => h.distance <= 800).length,
    );
    expect(new BucketIndex([]).nearest(31, 121, 5)).toEqual([]);
  });
});
