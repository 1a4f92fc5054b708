import { HOUR, hourlyBuckets, type Monitoring } from './monitoring-data.ts';

const fmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric' });

/** Events per hour as an SVG bar chart (small, themeable through CSS variables). */
export function EventChart({
  hourly,
  regressedAt,
}: {
  hourly: Monitoring['hourly'];
  regressedAt: string | null;
}) {
  const buckets = hourlyBuckets(hourly);
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const W = 720;
  const H = 120;
  const PAD_B = 18;
  const bw = W / buckets.length;
  const regressedHour = regressedAt ? Math.floor(Date.parse(regressedAt) / HOUR) * HOUR : null;
  const total = buckets.reduce((n, b) => n + b.count, 0);
  const labelEvery = Math.ceil(buckets.length / 6);
  return (
    <figure className="mon-chart" data-testid="event-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${total} events over the last ${buckets.length} hours, at most ${max} in one hour`}
      >
        <line x1="0" x2={W} y1={H - PAD_B} y2={H - PAD_B} className="axis" />
        {buckets.map((b, i) => {
          const h = b.count ? Math.max(2, ((H - PAD_B - 6) * b.count) / max) : 0;
          return (
            <g key={b.at}>
              {b.at === regressedHour && (
                <line
                  x1={i * bw + bw / 2}
                  x2={i * bw + bw / 2}
                  y1={0}
                  y2={H - PAD_B}
                  className="regression"
                />
              )}
              <rect
                className={b.count ? 'bar' : 'bar-empty'}
                x={i * bw + 1}
                y={H - PAD_B - h}
                width={Math.max(1, bw - 2)}
                height={h}
                rx="1.5"
              >
                <title>{`${fmt.format(b.at)}: ${b.count} event${b.count === 1 ? '' : 's'}`}</title>
              </rect>
            </g>
          );
        })}
      </svg>
      <div className="mon-chart-axis" aria-hidden="true">
        {buckets
          .filter((_, i) => i % labelEvery === 0)
          .map((b) => (
            <span key={b.at}>{fmt.format(b.at)}</span>
          ))}
      </div>
      <figcaption className="sr-only">Events per hour</figcaption>
    </figure>
  );
}
