import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * A uPlot chart (https://github.com/leeoniya/uPlot: small, canvas, fast) sized to its container.
 * The chart is created once per `options` identity and fed new data with setData, so live
 * updates do not rebuild it. Colours come from CSS variables so charts follow the theme.
 */
export function UPlotChart({
  options,
  data,
  height = 160,
  label,
  testId,
  attrs,
}: {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height?: number;
  label: string;
  testId?: string;
  attrs?: Record<string, string | number>;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const u = new uPlot({ ...options, width: Math.max(200, el.clientWidth), height }, latest.current, el);
    chart.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      chart.current = null;
    };
  }, [options, height]);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return (
    <div ref={box} className="uplot-box" role="img" aria-label={label} data-testid={testId} {...attrs} />
  );
}

/** A CSS variable's value, for uPlot's canvas colours. */
export function cssVar(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}
