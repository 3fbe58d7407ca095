import 'leaflet/dist/leaflet.css';
import type { LatLngBoundsExpression } from 'leaflet';
import { Circle, CircleMarker, MapContainer, TileLayer, Tooltip } from 'react-leaflet';
import { type CoverageReport, distanceText, type MapConfig } from './reach.types';

/**
 * The coverage map. Loaded lazily (Leaflet stays out of every other chunk). Without a configured
 * tile server — the usual case on offline government networks — it draws on a plain background:
 * the circles and markers alone show where the service circles leave gaps.
 */
export default function CoverageMap({ report, config }: { report: CoverageReport; config: MapConfig }) {
  const points = [
    ...report.stations.map((s) => [s.lat, s.lng] as [number, number]),
    ...report.uncoveredGrids.map((g) => [g.lat, g.lng] as [number, number]),
  ];
  const bounds: LatLngBoundsExpression | undefined = points.length > 1 ? points : undefined;
  const center =
    report.center ?? (points[0] ? { lat: points[0][0], lng: points[0][1] } : { lat: 31.11, lng: 121.38 });
  return (
    <section aria-label="覆盖地图">
      <MapContainer
        bounds={bounds}
        center={bounds ? undefined : [center.lat, center.lng]}
        zoom={bounds ? undefined : 13}
        style={{ height: 560, width: '100%', background: '#eef1f4', borderRadius: 8 }}
        scrollWheelZoom
      >
        {config.tileUrl ? <TileLayer url={config.tileUrl} attribution={config.attribution ?? ''} /> : null}
        {report.stations.map((s) => (
          <Circle
            key={`r-${s.code}`}
            center={[s.lat, s.lng]}
            radius={report.radiusMeters}
            pathOptions={{ color: '#1677ff', weight: 1, fillOpacity: s.inScope ? 0.12 : 0.05 }}
          />
        ))}
        {report.uncoveredGrids.map((g) => (
          <CircleMarker
            key={g.code}
            center={[g.lat, g.lng]}
            radius={6}
            pathOptions={{ color: '#c8161d', fillColor: '#c8161d', fillOpacity: 0.85, weight: 1 }}
          >
            <Tooltip>
              {g.name}（{g.parentName}）· 距最近站点 {distanceText(g.distanceMeters)}
            </Tooltip>
          </CircleMarker>
        ))}
        {report.stations.map((s) => (
          <CircleMarker
            key={s.code}
            center={[s.lat, s.lng]}
            radius={7}
            pathOptions={{ color: '#0b3d91', fillColor: '#1677ff', fillOpacity: 1, weight: 2 }}
          >
            <Tooltip>
              {s.name}（{s.kindLabel}）
            </Tooltip>
          </CircleMarker>
        ))}
      </MapContainer>
    </section>
  );
}
