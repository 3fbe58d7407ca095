/**
 * "Nearest stations and deputies" on the in-memory bucket index versus a linear scan, both in this
 * run: 800 stations and 6,000 deputies (each placed at 1–2 stations and 1–3 of 2,500 grids) spread
 * over a district-sized area, 10,000 queries, each asking for the 10 nearest stations and the 10
 * nearest deputies.
 *
 *   npx tsx bench/nearest.ts          (from apps/api)
 */
import { linearNearest } from '../src/modules/reach/geo';
import { type AreaEntry, buildReachData } from '../src/modules/reach/reach.data';

const STATIONS = 800;
const DEPUTIES = 6_000;
const GRIDS = 2_500;
const QUERIES = 10_000;
const K = 10;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const r = rng(20261123);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
const uuid = (p: string, i: number) => `${p}0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

// A district of ~40 × 40 km with towns where stations and grids cluster.
const towns = Array.from({ length: 14 }, () => [31.0 + r() * 0.35, 121.2 + r() * 0.4] as const);
const near = (spread: number) => {
  const [lat, lng] = pick(towns);
  return { lat: lat + (r() - 0.5) * spread, lng: lng + (r() - 0.5) * spread };
};
const stations = Array.from({ length: STATIONS }, (_, i) => ({
  id: uuid('a', i),
  code: `s${i}`,
  name: `站点${i}`,
  kind: 'station' as const,
  address: '',
  jurisdictionCode: '310112',
  ...near(0.06),
}));
const areas: AreaEntry[] = Array.from({ length: GRIDS }, (_, i) => ({
  code: `g${i}`,
  name: `网格${i}`,
  level: 'grid',
  parentCode: null,
  ...near(0.08),
}));
const deputies = Array.from({ length: DEPUTIES }, (_, i) => ({
  id: uuid('b', i),
  code: `d${i}`,
  name: `代表${i}`,
  jurisdictionCode: '310112',
  occupationCategory: null,
  expertise: [],
  professionalGroups: [],
}));
const links = deputies.flatMap((d) =>
  Array.from({ length: 1 + Math.floor(r() * 2) }, () => ({ stationId: pick(stations).id, deputyId: d.id })),
);
const gridLinks = deputies.flatMap((d) =>
  Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({ deputyId: d.id, gridCode: pick(areas).code })),
);

const t0 = performance.now();
const data = buildReachData(stations, deputies, [], areas, links, gridLinks);
const buildMs = performance.now() - t0;
const queries = Array.from({ length: QUERIES }, () => near(0.12));

function time(label: string, run: (q: { lat: number; lng: number }) => number): { p50: number; p99: number } {
  for (const q of queries.slice(0, 500)) run(q); // warm up
  const ms: number[] = [];
  let sink = 0;
  for (const q of queries) {
    const s = performance.now();
    sink += run(q);
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  const p50 = ms[Math.floor(ms.length * 0.5)]!;
  const p99 = ms[Math.floor(ms.length * 0.99)]!;
  console.log(`   ${label.padEnd(14)} p50 ${p50.toFixed(3)} ms   p99 ${p99.toFixed(3)} ms   (${sink % 7})`);
  return { p50, p99 };
}

console.log(
  `Nearest ${K} stations + ${K} deputies: ${STATIONS} stations, ${DEPUTIES} deputies at ${data.deputyPoints.length} places, ${QUERIES} queries`,
);
console.log(`   index build    ${buildMs.toFixed(1)} ms`);
const indexed = time('bucket index', (q) => {
  const s = data.stationIndex.nearest(q.lat, q.lng, K);
  const d = data.deputyIndex.nearest(q.lat, q.lng, K);
  return s.length + d.length;
});
const linear = time('linear scan', (q) => {
  const s = linearNearest(data.stationPoints, q.lat, q.lng, K);
  const d = linearNearest(data.deputyPoints, q.lat, q.lng, K);
  return s.length + d.length;
});
// Same answers (spot check).
for (const q of queries.slice(0, 200)) {
  const a = data.deputyIndex.nearest(q.lat, q.lng, K).map((h) => h.key);
  const b = linearNearest(data.deputyPoints, q.lat, q.lng, K).map((h) => h.key);
  if (a.join() !== b.join()) throw new Error('index and linear scan disagree');
}
console.log(
  `   ratio linear / index: p50 ${(linear.p50 / indexed.p50).toFixed(1)}×, p99 ${(linear.p99 / indexed.p99).toFixed(1)}×`,
);
console.log(`   target p99 ≤ 5 ms: ${indexed.p99 <= 5 ? 'met' : 'NOT met'}`);
