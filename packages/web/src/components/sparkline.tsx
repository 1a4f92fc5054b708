/**
 * A trend as a tiny inline line (the issue stream's "trend" column): no axes, no chart library,
 * the series scaled to its own maximum. An all-zero series is a flat line on the baseline.
 */
export function Sparkline({
  values,
  width = 64,
  height = 16,
}: {
  values: number[];
  width?: number;
  height?: number;
}) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values
    .map((v, n) => `${(n * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`)
    .join(' ');
  const total = values.reduce((a, b) => a + b, 0);
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${total} events in the last ${values.length} hours`}
      data-total={total}
    >
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}
