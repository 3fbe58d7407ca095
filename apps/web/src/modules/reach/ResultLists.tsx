import { Link } from 'react-router-dom';
import { distanceText, type FoundDeputy, type FoundStation } from './reach.types';

/** A deputy's initial in a circle, or the photo when there is one. */
export function Avatar({ name, photoUrl }: { name: string; photoUrl?: string | null }) {
  return (
    <span className="reach-avatar" aria-hidden="true">
      {photoUrl ? <img src={photoUrl} alt="" /> : [...name][0]}
    </span>
  );
}

export function DeputyList<T extends FoundDeputy>({
  items,
  label,
  note,
}: {
  items: T[];
  label: string;
  /** A second line, e.g. why the deputy matched a problem. */
  note?: (d: T) => string;
}) {
  return (
    <ul className="reach-list" aria-label={label}>
      {items.map((d) => (
        <li key={d.code}>
          <Link to={`/d/${d.code}`} className="reach-item">
            <Avatar name={d.name} />
            <span className="reach-item-main">
              <span className="reach-item-title">{d.name}</span>
              <span className="reach-item-sub">
                <br />
                {d.levelLabel}
                {d.via ? ` · ${d.via.kind === 'grid' ? '联系' : '进驻'}${d.via.name}` : ''}
                {note ? (
                  <>
                    <br />
                    {note(d)}
                  </>
                ) : null}
              </span>
            </span>
            {d.distanceMeters !== null ? (
              <span className="reach-distance">{distanceText(d.distanceMeters)}</span>
            ) : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function StationList({ items, label }: { items: FoundStation[]; label: string }) {
  return (
    <ul className="reach-list" aria-label={label}>
      {items.map((s) => (
        <li key={s.code}>
          <Link to={`/s/${s.code}`} className="reach-item">
            <span className="reach-item-main">
              <span className="reach-item-title">{s.name}</span>
              <span className="reach-item-sub">
                <br />
                {s.kindLabel} · {s.address}
              </span>
            </span>
            {s.distanceMeters !== null ? (
              <span className="reach-distance">{distanceText(s.distanceMeters)}</span>
            ) : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
