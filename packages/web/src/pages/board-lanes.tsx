import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useRef } from 'react';

export type Lane = { key: string; label: string; icon?: ReactNode };

/**
 * Swimlanes, windowed: only the lanes in (or near) view are in the DOM, each measured once drawn,
 * so grouping 10,000 cards by assignee renders a screenful of lanes, not hundreds.
 */
export function BoardLanes({ lanes, render }: { lanes: Lane[]; render: (lane: Lane) => ReactNode }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: lanes.length,
    getScrollElement: () => scrollRef.current,
    // A lane with a few cards; the real height is measured when it is drawn.
    estimateSize: () => 260,
    overscan: 1,
    getItemKey: (i) => lanes[i]?.key ?? i,
  });
  return (
    <div className="lanes" data-testid="board" data-lanes={lanes.length} ref={scrollRef}>
      <div style={{ height: v.getTotalSize(), position: 'relative' }}>
        {v.getVirtualItems().map((row) => {
          const lane = lanes[row.index]!;
          return (
            <section
              key={row.key}
              ref={v.measureElement}
              data-index={row.index}
              className="lane"
              aria-label={lane.label}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${row.start}px)`,
              }}
            >
              <h2 className="lane-head">
                {lane.icon}
                {lane.label}
              </h2>
              {render(lane)}
            </section>
          );
        })}
      </div>
    </div>
  );
}
