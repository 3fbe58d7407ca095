import { describe, expect, it } from 'vitest';
import { NEAR_REGION_METERS, pointInRegion, type RegionPlaces } from './location';

const places = (centroids: Array<{ lat: number; lng: number }>): RegionPlaces => ({
  codes: new Set(),
  centroids,
});

describe('pointInRegion', () => {
  // Two places of 闵行区 (莘庄, 七宝), by their centroids.
  const minhang = places([
    { lat: 31.1115, lng: 121.3855 },
    { lat: 31.1532, lng: 121.3505 },
  ]);

  it('accepts a point near a place of the region, up to the limit', () => {
    expect(pointInRegion(minhang, 31.1115, 121.3855)).toBe(true);
    // 0.04° of latitude ≈ 4.4 km: inside; 0.05° ≈ 5.6 km: outside.
    expect(pointInRegion(minhang, 31.1115 - 0.04, 121.3855)).toBe(true);
    expect(pointInRegion(minhang, 31.1115 - 0.05, 121.3855)).toBe(false);
    expect(NEAR_REGION_METERS).toBe(5_000);
  });

  it('refuses a point in another city', () => {
    expect(pointInRegion(minhang, 39.9087, 116.3975)).toBe(false); // 北京
    expect(pointInRegion(minhang, 31.2304, 121.4737)).toBe(false); // 人民广场, another district
  });

  it('cannot judge, so accepts, when the region has no centroids', () => {
    expect(pointInRegion(places([]), 39.9087, 116.3975)).toBe(true);
  });
});
