import type { Issue } from '@closeloop/shared/api/issues';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../api/client.ts';
import { invalidateIssueCounts } from './issue-search.ts';
import { putIssue } from './mutations.ts';

/**
 * Live updates: the workspace's server-sent-events stream (`GET /api/v1/stream`) invalidates the
 * react-query caches an event touches; react-query refetches only what is on screen. EventSource
 * resumes with Last-Event-ID by itself. Where the server has no stream (yet), open issue pages and
 * the inbox poll instead, so two browsers still converge.
 */
export function useLiveUpdates() {
  const qc = useQueryClient();
  useEffect(() => {
    let es: EventSource | null = null;
    let poll: ReturnType<typeof setInterval> | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const startPolling = () => {
      if (poll) return;
      poll = setInterval(() => {
        qc.invalidateQueries({ queryKey: ['issue'] });
        qc.invalidateQueries({ queryKey: ['comments'] });
        qc.invalidateQueries({ queryKey: ['reactions'] });
        qc.invalidateQueries({ queryKey: ['activity'] });
        qc.invalidateQueries({ queryKey: ['notifications'] });
      }, 10_000);
    };
    const connect = () => {
      if (stopped || typeof EventSource === 'undefined') return startPolling();
      es = new EventSource('/api/v1/stream', { withCredentials: true });
      const onEvent = (ev: MessageEvent) => applyEvent(qc, ev.type, ev.data);
      es.onmessage = onEvent;
      for (const t of [
        'issue.created',
        'issue.updated',
        'issue.deleted',
        'comment.created',
        'comment.updated',
        'comment.deleted',
        'watchers.changed',
        'notification.created',
        'notification.read',
        'reset',
      ])
        es.addEventListener(t, onEvent as EventListener);
      es.onopen = () => {
        if (poll) clearInterval(poll);
        poll = null;
        (window as { __closeloopLive?: boolean }).__closeloopLive = true;
      };
      es.onerror = () => {
        if (es?.readyState === EventSource.CLOSED) {
          // The server answered without a stream (404, 401): poll, and look again later.
          es.close();
          startPolling();
          retry = setTimeout(connect, 60_000);
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      es?.close();
      if (poll) clearInterval(poll);
      if (retry) clearTimeout(retry);
    };
  }, [qc]);
}

type LiveEvent = {
  type?: string;
  kind?: string;
  entity?: string;
  issueKey?: string;
  key?: string;
  issue?: { key?: string };
  fields?: string[];
};

export function applyEvent(qc: QueryClient, type: string, raw: string) {
  let e: LiveEvent = {};
  try {
    e = JSON.parse(raw) as LiveEvent;
  } catch {
    /* heartbeat or plain text: refresh broadly */
  }
  const kind = `${type} ${e.type ?? ''} ${e.kind ?? ''} ${e.entity ?? ''}`;
  const key = e.issueKey ?? e.issue?.key ?? e.key;
  if (type === 'reset') return void qc.invalidateQueries();
  if (type === 'watchers.changed' && key) qc.invalidateQueries({ queryKey: ['watchers', key] });
  if (key) qc.invalidateQueries({ queryKey: ['links', key] });
  if (kind.includes('notification')) qc.invalidateQueries({ queryKey: ['notifications'] });
  if (key) {
    void invalidateIssueCounts(qc);
    qc.invalidateQueries({ queryKey: ['issue', key] });
    qc.invalidateQueries({ queryKey: ['comments', key] });
    qc.invalidateQueries({ queryKey: ['reactions', key] });
    qc.invalidateQueries({ queryKey: ['activity', key] });
    // A recurrence is found by a job after the issue was created and is already on screen.
    if (e.fields?.includes('recurrence')) qc.invalidateQueries({ queryKey: ['recurrence', key] });
  } else if (!kind.includes('notification')) {
    qc.invalidateQueries({ queryKey: ['issue'] });
  }
  if (type === 'issue.updated' && key) {
    // One changed issue: fetch it and patch it into every list and board cache, instead of
    // refetching lists of thousands (the board at 10,000 issues would reload 20 pages).
    void api<Issue>(`/issues/${key}`)
      .then((issue) => putIssue(qc, issue))
      .catch(() => qc.invalidateQueries({ queryKey: ['issues'] }));
    return;
  }
  if (!kind.includes('comment') || !key) qc.invalidateQueries({ queryKey: ['issues'] });
}
