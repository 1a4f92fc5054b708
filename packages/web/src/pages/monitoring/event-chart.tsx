import { useMemo } from 'react';
import uPlot from 'uplot';
import { cssVar, UPlotChart } from '../../components/uplot-chart.tsx';
import { HOUR, hourlyBuckets, type Monitoring } from './monitoring-data.ts';

/** Events per hour as bars (uPlot), the regression hour marked. */
export function EventChart({
  hourly,
  regressedAt,
}: {
  hourly: Monitoring['hourly'];
  regressedAt: string | null;
}) {
  const buckets = useMemo(() => hourlyBuckets(hourly), [hourly]);
  const total = buckets.reduce((n, b) => n + b.count, 0);
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const regressedHour = regressedAt ? Math.floor(Date.parse(regressedAt) / HOUR) * HOUR : null;
  const data = useMemo<uPlot.AlignedData>(
    () => [buckets.map((b) => b.at / 1000), buckets.map((b) => b.count)],
    [buckets],
  );
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const accent = cssVar('--accent', '#5b6cff');
    const warning = cssVar('--warning', '#d98f00');
    const faint = cssVar('--faint', '#888');
    return {
      legend: { show: false },
      cursor: { y: false },
      scales: { x: { time: true }, y: { range: (_u, _min, hi) => [0, Math.max(1, hi)] } },
      axes: [
        { stroke: faint, grid: { show: false }, ticks: { show: false } },
        { stroke: faint, size: 36, grid: { stroke: 'rgba(128,128,128,0.15)' }, ticks: { show: false } },
      ],
      series: [
        {},
        {
          label: 'events',
          fill: accent,
          stroke: accent,
          paths: (u, seriesIdx, idx0, idx1) =>
            uPlot.paths.bars!({ size: [0.8, 24] })(u, seriesIdx, idx0, idx1),
          points: { show: false },
        },
      ],
      hooks: {
        draw: [
          (u) => {
            if (regressedHour === null) return;
            const x = u.valToPos(regressedHour / 1000, 'x', true);
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = warning;
            ctx.setLineDash([3, 3]);
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.restore();
          },
        ],
      },
    };
  }, [regressedHour]);
  return (
    <figure className="mon-chart">
      <UPlotChart
        options={options}
        data={data}
        height={130}
        testId="event-chart"
        label={`${total} events over the last ${buckets.length} hours, at most ${max} in one hour`}
        attrs={{ 'data-total': total }}
      />
      <figcaption className="sr-only">Events per hour</figcaption>
    </figure>
  );
}
