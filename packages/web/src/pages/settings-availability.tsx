import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { useMe } from '../api/hooks.ts';
import { MemberOptions } from '../components/directory-options.tsx';
import { useToast } from '../components/toasts.tsx';
import { ErrorState, Spinner } from '../components/ui.tsx';

interface Availability {
  timeZone: string;
  workDays: number[];
  workStart: number;
  workEnd: number;
  capacity: number;
  skills: string[];
  outOfOffice: { from: number; to: number }[];
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutes = (v: string) => {
  const [h, m] = v.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A person's working hours, time zone, capacity, skills and out-of-office periods: what automatic
 * assignment reads. Everyone edits their own; admins pick anyone.
 */
export function AvailabilityTab() {
  const me = useMe();
  const [picked, setPicked] = useState<number | null>(null);
  const userId = picked ?? me.data?.user.id ?? null;
  const admin = me.data?.role === 'admin' || me.data?.role === 'owner';
  return (
    <section aria-labelledby="availability-title">
      <h2 id="availability-title">Availability</h2>
      {admin && (
        <label className="field">
          <span>Person</span>
          <select className="input" value={userId ?? ''} onChange={(e) => setPicked(Number(e.target.value))}>
            <MemberOptions />
          </select>
        </label>
      )}
      {userId !== null && <AvailabilityForm key={userId} userId={userId} />}
    </section>
  );
}

function AvailabilityForm({ userId }: { userId: number }) {
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery({
    queryKey: ['availability', userId],
    queryFn: () => api<Availability>(`/members/${userId}/availability`),
  });
  const [away, setAway] = useState<{ from: number; to: number }[] | null>(null);
  if (q.isError) return <ErrorState error={q.error} />;
  if (!q.data) return <Spinner />;
  const a = q.data;
  const periods = away ?? a.outOfOffice;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body: Availability = {
      timeZone: String(f.get('timeZone')),
      workDays: DAYS.map((_, i) => i + 1).filter((d) => f.get(`day${d}`) === 'on'),
      workStart: minutes(String(f.get('workStart'))),
      workEnd: minutes(String(f.get('workEnd'))),
      capacity: Number(f.get('capacity')),
      skills: String(f.get('skills'))
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      outOfOffice: periods,
    };
    try {
      await api(`/members/${userId}/availability`, { method: 'PUT', body });
      await qc.invalidateQueries({ queryKey: ['availability', userId] });
      setAway(null);
      toast('Availability saved', 'success');
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const addAway = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const from = Date.parse(`${f.get('from')}T00:00:00Z`);
    const to = Date.parse(`${f.get('to')}T23:59:59Z`);
    if (Number.isFinite(from) && Number.isFinite(to) && from <= to) setAway([...periods, { from, to }]);
  };
  return (
    <>
      <form className="stack-form" aria-label="Availability" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>Time zone</span>
          <input className="input" name="timeZone" defaultValue={a.timeZone} required />
        </label>
        <fieldset>
          <legend>Working days</legend>
          {DAYS.map((d, i) => (
            <label key={d}>
              <input
                type="checkbox"
                className="checkbox"
                name={`day${i + 1}`}
                defaultChecked={a.workDays.includes(i + 1)}
              />{' '}
              {d}{' '}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>From</span>
          <input className="input" type="time" name="workStart" defaultValue={hhmm(a.workStart)} />
        </label>
        <label className="field">
          <span>To</span>
          <input className="input" type="time" name="workEnd" defaultValue={hhmm(a.workEnd)} />
        </label>
        <label className="field">
          <span>Capacity (workload points)</span>
          <input
            className="input"
            type="number"
            min={0}
            step="any"
            name="capacity"
            defaultValue={a.capacity}
          />
        </label>
        <label className="field">
          <span>Skills (label:…, component:…, route:/checkout/**), comma-separated</span>
          <input className="input" name="skills" defaultValue={a.skills.join(', ')} />
        </label>
        <h3>Out of office</h3>
        {periods.length === 0 ? (
          <p className="faint">No time off planned.</p>
        ) : (
          <ul aria-label="Out of office periods">
            {periods.map((p, i) => (
              <li key={`${p.from}-${p.to}`}>
                {day(p.from)} – {day(p.to)}{' '}
                <button
                  type="button"
                  className="btn btn-sm"
                  onClick={() => setAway(periods.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <div>
          <button type="submit" className="btn btn-primary">
            Save availability
          </button>
        </div>
      </form>
      <form className="inline-form" aria-label="Add time off" onSubmit={addAway}>
        <label className="field">
          <span>Away from</span>
          <input className="input" type="date" name="from" required />
        </label>
        <label className="field">
          <span>to</span>
          <input className="input" type="date" name="to" required />
        </label>
        <button type="submit" className="btn btn-sm">
          Add period (then save)
        </button>
      </form>
    </>
  );
}
