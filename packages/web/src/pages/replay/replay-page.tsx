import type { SessionDetail } from '@closeloop/shared/api/replays';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Replayer } from 'rrweb';
import 'rrweb/dist/style.css';
import { api } from '../../api/client.ts';
import { ErrorState, Spinner } from '../../components/ui.tsx';
import { formatDuration, type Mark, marksOf, type RecEvent } from './replay-marks.ts';
import './replay.css';

const SPEEDS = [1, 2, 4, 8];

/**
 * One recorded session played by rrweb's Replayer in a sandboxed iframe (no scripts run: the
 * recording is the page's DOM, not its code). `?t=<epoch ms>` starts at that moment (an issue's
 * "first seen in this session"), a few seconds early for context.
 */
export function ReplayPage() {
  const { key = '', sessionId = '' } = useParams();
  const [params] = useSearchParams();
  const startAt = Number(params.get('t') ?? '') || null;
  const session = useQuery({
    queryKey: ['session', key, sessionId],
    queryFn: () => api<SessionDetail>(`/projects/${key}/sessions/${encodeURIComponent(sessionId)}`),
  });
  const recording = useQuery({
    queryKey: ['recording', key, sessionId],
    enabled: !!session.data,
    queryFn: () => api<RecEvent[]>(`/projects/${key}/sessions/${encodeURIComponent(sessionId)}/recording`),
  });
  if (session.error) return <ErrorState error={session.error} />;
  if (recording.error) return <ErrorState error={recording.error} />;
  if (!session.data || !recording.data) return <Spinner label="Loading the replay" />;
  return <Player session={session.data} events={recording.data} startAt={startAt} projectKey={key} />;
}

function Player({
  session,
  events,
  startAt,
  projectKey,
}: {
  session: SessionDetail;
  events: RecEvent[];
  startAt: number | null;
  projectKey: string;
}) {
  const root = useRef<HTMLDivElement>(null);
  const replayer = useRef<Replayer | null>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [skip, setSkip] = useState(true);
  const [offset, setOffset] = useState(0);
  const first = events[0]?.timestamp ?? 0;
  const total = Math.max(1, (events.at(-1)?.timestamp ?? first) - first);
  const marks = useMemo(() => marksOf(events), [events]);

  useEffect(() => {
    if (!root.current || events.length < 2) return;
    const r = new Replayer(events as ConstructorParameters<typeof Replayer>[0], {
      root: root.current,
      skipInactive: true,
      mouseTail: false,
      triggerFocus: false,
      UNSAFE_replayCanvas: false,
      showWarning: false,
    });
    // rrweb's default already leaves scripts out; say so explicitly so it cannot drift.
    r.iframe.setAttribute('sandbox', 'allow-same-origin');
    replayer.current = r;
    const at = startAt ? Math.max(0, Math.min(total, startAt - first - 3_000)) : 0;
    r.pause(at);
    setOffset(at);
    r.on('finish', () => setPlaying(false));
    const timer = setInterval(() => setOffset(r.getCurrentTime()), 200);
    return () => {
      clearInterval(timer);
      r.destroy();
      replayer.current = null;
    };
  }, [events, startAt, first, total]);

  const jump = (at: number) => {
    const o = Math.max(0, Math.min(total, at - first));
    if (playing) replayer.current?.play(o);
    else replayer.current?.pause(o);
    setOffset(o);
  };
  const toggle = () => {
    const r = replayer.current;
    if (!r) return;
    if (playing) r.pause();
    else r.play(offset >= total ? 0 : offset);
    setPlaying(!playing);
  };
  const now = first + offset;
  const list = (kind: Mark['kind'][], title: string) => {
    const items = marks.filter((m) => kind.includes(m.kind));
    return (
      <section className="replay-list" aria-label={title}>
        <h3>{title}</h3>
        {items.length === 0 && <p className="faint">None.</p>}
        <ul>
          {items.map((m) => (
            <li key={m.id} className={`${m.at <= now ? 'past' : ''} ${m.problem ? 'problem' : ''}`}>
              <button type="button" onClick={() => jump(m.at)}>
                <span className="mono">{formatDuration(m.at - first)}</span> {m.text}
              </button>
            </li>
          ))}
        </ul>
      </section>
    );
  };

  return (
    <div className="page replay-page">
      <header className="page-head">
        <h1>Session replay</h1>
        <Link to={`/sessions?project=${projectKey}`}>All sessions</Link>
        <span className="faint">
          {session.user ?? 'anonymous'} · {session.release ?? 'no release'} ·{' '}
          {formatDuration(session.durationMs)}
          {session.source === 'sentry' ? ' · recorded by a Sentry SDK' : ''}
        </span>
      </header>
      {session.issues.length > 0 && (
        <p className="replay-issues">
          Issues in this session:{' '}
          {session.issues.map((i) => (
            <span key={i.key}>
              <Link to={`/issue/${i.key}`}>{i.key}</Link>{' '}
              <button type="button" className="linklike" onClick={() => jump(Date.parse(i.firstSeen))}>
                {i.title}
              </button>{' '}
            </span>
          ))}
        </p>
      )}
      {events.length < 2 ? (
        <p className="faint">This recording has too few events to play.</p>
      ) : (
        <div className="replay-layout">
          <div className="replay-main">
            <div className="replay-stage" ref={root} data-testid="replay-stage" />
            <div className="replay-controls">
              <button type="button" onClick={toggle} aria-label={playing ? 'Pause' : 'Play'}>
                {playing ? 'Pause' : 'Play'}
              </button>
              <select
                aria-label="Speed"
                value={speed}
                onChange={(e) => {
                  const s = Number(e.target.value);
                  setSpeed(s);
                  replayer.current?.setConfig({ speed: s });
                }}
              >
                {SPEEDS.map((s) => (
                  <option key={s} value={s}>
                    {s}×
                  </option>
                ))}
              </select>
              <label>
                <input
                  type="checkbox"
                  checked={skip}
                  onChange={(e) => {
                    setSkip(e.target.checked);
                    replayer.current?.setConfig({ skipInactive: e.target.checked });
                  }}
                />{' '}
                Skip inactivity
              </label>
              <span className="mono">
                {formatDuration(offset)} / {formatDuration(total)}
              </span>
            </div>
            <div
              className="replay-timeline"
              data-testid="replay-timeline"
              onClick={(e) => {
                const box = e.currentTarget.getBoundingClientRect();
                jump(first + ((e.clientX - box.left) / box.width) * total);
              }}
              onKeyDown={(e) => {
                if (e.key === 'ArrowRight') jump(now + 5_000);
                if (e.key === 'ArrowLeft') jump(now - 5_000);
              }}
              role="slider"
              tabIndex={0}
              aria-label="Position"
              aria-valuemin={0}
              aria-valuemax={total}
              aria-valuenow={offset}
            >
              <div className="replay-progress" style={{ width: `${(offset / total) * 100}%` }} />
              {marks
                .filter((m) => m.problem || m.kind === 'navigation')
                .map((m) => (
                  <button
                    type="button"
                    key={m.id}
                    className={`replay-mark mark-${m.kind}`}
                    style={{ left: `${((m.at - first) / total) * 100}%` }}
                    title={`${formatDuration(m.at - first)} ${m.kind}: ${m.text}`}
                    aria-label={`${m.kind} at ${formatDuration(m.at - first)}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      jump(m.at);
                    }}
                  />
                ))}
            </div>
          </div>
          <aside className="replay-side">
            {list(['error', 'frustration', 'event'], 'Events')}
            {list(['network'], 'Network')}
            {list(['console'], 'Console')}
            {list(['navigation'], 'Navigation')}
          </aside>
        </div>
      )}
    </div>
  );
}
