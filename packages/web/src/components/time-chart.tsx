import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: number[];
  color: string;
  /** Bars for the main measure, a line with points for the one compared with it (bars would overlap). */
  kind: 'bars' | 'line';
}

/** Counts over time with uPlot: x is epoch seconds; the chart follows its container's width. */
export function TimeChart({
  x,
  series,
  height = 220,
  label,
}: {
  x: number[];
  series: ChartSeries[];
  height?: number;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const bars = uPlot.paths.bars?.({ size: [0.6, 48] });
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height,
        scales: { x: { time: true } },
        axes: [
          { stroke: 'currentColor', grid: { show: false } },
          { stroke: 'currentColor', size: 40 },
        ],
        series: [
          {},
          ...series.map((s) =>
            s.kind === 'bars' && bars
              ? {
                  label: s.label,
                  stroke: s.color,
                  fill: s.color,
                  width: 0,
                  paths: bars,
                  points: { show: false },
                }
              : { label: s.label, stroke: s.color, width: 2, points: { show: true, size: 6 } },
          ),
        ],
      },
      [x, ...series.map((s) => s.values)],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [x, series, height]);
  return <div ref={box} className="time-chart" role="img" aria-label={label} />;
}
