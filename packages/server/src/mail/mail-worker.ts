import { createRequire } from 'node:module';
import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import {
  type EmailMode,
  MAX_MAIL_ATTEMPTS,
  mailRetryDelay,
} from '@closeloop/core/notifications/notification-rules';
import type nodemailerTypes from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Services } from '../services.ts';
import { claimDueMails, enqueueMails, markMailFailed, markMailSent } from '../store/mail-outbox-store.ts';
import { clearDigest, dueDigests, takeDigestNotifications } from '../store/notifications-store.ts';
import { inTransaction } from '../store/transaction.ts';
import { renderDigestMail } from './notification-mail.ts';
import { replyHeaders } from './reply-headers.ts';
import { withTrackingLink } from './tracking-link.ts';

export interface MailWorkerOptions {
  smtpUrl: string;
  from: string;
  /** How often to look for due mails and digests. */
  pollMs?: number;
  /** Mails claimed per pass. */
  batch?: number;
  /** How long a claimed mail belongs to this worker before another may retry it. */
  leaseMs?: number;
  log?: (msg: string, err?: unknown) => void;
}

/**
 * Sends what the outbox holds and builds due digests. It only talks to the store and SMTP, never to
 * the HTTP layer, so it runs inside the API process in embedded mode and can run as its own worker
 * process unchanged: claims are leases in the database, so several workers never send one mail
 * twice (unless SMTP accepted it and the worker died before recording that — at-least-once).
 * A failing SMTP server costs retries with exponential backoff, never a failed request.
 */
export class MailWorker {
  private readonly transport: Transporter;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly svc: Services,
    private readonly opts: MailWorkerOptions,
  ) {
    // Loaded here, not at start: a server without SMTP_URL never needs it (1.8 MB of idle heap,
    // bench/RESULTS.md, memory). nodemailer is CommonJS, so the constructor stays synchronous.
    const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof nodemailerTypes;
    // Fail fast on an unreachable server (nodemailer waits minutes by default); the outbox retries later.
    this.transport = nodemailer.createTransport(
      { url: opts.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
      { from: opts.from },
    );
  }

  /** One pass: build due digests, then send due mails. `now` is injectable so tests can jump ahead. */
  async runOnce(now = Date.now()): Promise<{ digests: number; sent: number; failed: number }> {
    const digests = await this.buildDigests(now);
    let sent = 0;
    let failed = 0;
    const mails = await claimDueMails(
      this.svc.store,
      now,
      this.opts.batch ?? 20,
      this.opts.leaseMs ?? 120_000,
    );
    for (const m of mails) {
      try {
        const body = await withTrackingLink(this.svc, m, now);
        await this.transport.sendMail({
          from: this.opts.from,
          to: m.to_address,
          subject: m.subject,
          text: body.text,
          html: body.html,
          ...(await replyHeaders(this.svc, m, now)),
          // RFC 3834: machine-sent, so out-of-office responders stay quiet (and our intake ignores
          // such mail too: no loops between two systems answering each other).
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
        });
        await markMailSent(this.svc.store, m.id);
        sent++;
      } catch (err) {
        failed++;
        const giveUp = m.attempts >= MAX_MAIL_ATTEMPTS;
        await markMailFailed(
          this.svc.store,
          m.id,
          String((err as Error)?.message ?? err).slice(0, 1000),
          giveUp ? null : now + mailRetryDelay(m.attempts),
        );
        this.opts.log?.(`mail ${m.id} to ${m.to_address} failed (attempt ${m.attempts})`, err);
      }
    }
    return { digests, sent, failed };
  }

  private async buildDigests(now: number): Promise<number> {
    let built = 0;
    for (const d of await dueDigests(this.svc.store, now, 50)) {
      await inTransaction(this.svc.store, async (tx) => {
        const rows = await takeDigestNotifications(tx, d.workspace_id, d.user_id);
        await clearDigest(tx, d.workspace_id, d.user_id);
        if (rows.length === 0 || (d.email_mode as EmailMode) === 'off') return;
        const period = d.email_mode === 'hourly' ? 'hourly' : d.email_mode === 'daily' ? 'daily' : 'pending';
        const items = rows.map((r) => ({
          kind: r.kind,
          issueKey: formatIssueKey(r.project_key, r.issue_number),
          issueTitle: r.issue_title,
          actorName: r.actor_name,
          fields: r.fields ? (JSON.parse(r.fields) as string[]) : [],
          commentBody: null,
        }));
        const mail = renderDigestMail(items, this.svc.config.publicUrl, period);
        await enqueueMails(tx, [{ workspaceId: d.workspace_id, userId: d.user_id, to: d.email, ...mail }]);
        built++;
      });
    }
    return built;
  }

  /** Polls until stopped; a pass that throws (database briefly away) is logged and retried next tick. */
  start(): this {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.runOnce()
        .catch((err) => this.opts.log?.('mail worker pass failed', err))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.opts.pollMs ?? 1_000);
        });
    };
    tick();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }
}
