import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { SMTPServer, SMTPServerAddress } from 'smtp-server';
import { acceptsRecipient, receiveMail, senderMayMail } from '../commands/mail-intake.ts';
import type { Services } from '../services.ts';
import { parseRawMail } from './inbound-mail.ts';

/** Recipients one message may name (a person writes to one project; more is a spammer's list). */
const MAX_RECIPIENTS = 20;

/** An SMTP reply code with its text: what smtp-server sends back when a hook fails. */
function refusal(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export interface SmtpIntakeOptions {
  port: number;
  host: string;
  log?: (msg: string, err?: unknown) => void;
}

/**
 * The SMTP listener of email intake (issue 17.3): receives mail for MAIL_INTAKE_DOMAIN only and
 * never relays. Refusals happen as early as the protocol allows, so nothing unwanted is read: a
 * sender over its rate at MAIL FROM (451, try later), an announced SIZE over the limit (552),
 * a recipient outside the domain or not a project (550) at RCPT TO; a message that grows past
 * the limit is refused at the end of DATA (552) with at most the limit held in memory.
 * No AUTH (there is nothing to relay to) and no STARTTLS (terminate TLS in front of it if needed).
 */
export class SmtpIntake {
  private readonly server: SMTPServer;

  constructor(
    private readonly svc: Services,
    private readonly opts: SmtpIntakeOptions,
  ) {
    const maxBytes = svc.config.MAIL_INTAKE_MAX_BYTES;
    // Loaded only when email intake listens: an idle server without it keeps the module's heap.
    const { SMTPServer: Server } = createRequire(import.meta.url)(
      'smtp-server',
    ) as typeof import('smtp-server');
    this.server = new Server({
      name: svc.config.MAIL_INTAKE_DOMAIN,
      banner: 'Closeloop mail intake',
      size: maxBytes,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      maxClients: 100,
      socketTimeout: 60_000,
      onMailFrom: (address, _session, callback) => {
        this.mailFrom(address).then(
          () => callback(),
          (err: Error) => callback(err),
        );
      },
      onRcptTo: (address, session, callback) => {
        if (session.envelope.rcptTo.length >= MAX_RECIPIENTS)
          return callback(refusal(452, '4.5.3 Too many recipients'));
        acceptsRecipient(svc, address.address).then(
          (r) => callback(r.ok ? undefined : refusal(550, `5.7.1 ${r.message}`)),
          (err) => {
            opts.log?.('mail intake: checking a recipient failed', err);
            callback(refusal(451, '4.3.0 Try again later'));
          },
        );
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        let held = 0;
        stream.on('data', (c: Buffer) => {
          // Past the limit the rest is read and dropped (the client is still sending it).
          if (held + c.length <= maxBytes) chunks.push(c);
          held += c.length;
        });
        stream.on('end', () => {
          if (stream.sizeExceeded || held > maxBytes)
            return callback(refusal(552, `5.3.4 Message exceeds the maximum size of ${maxBytes} bytes`));
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            recipients: session.envelope.rcptTo.map((r) => r.address),
          };
          parseRawMail(Buffer.concat(chunks), envelope)
            .then((mail) => receiveMail(svc, mail))
            .then(
              () => callback(),
              (err) => {
                // The database is away or the message would not parse: the sender keeps it and retries.
                opts.log?.('mail intake: a message could not be taken in', err);
                callback(refusal(451, '4.3.0 Try again later'));
              },
            );
        });
      },
    });
    this.server.on('error', (err) => opts.log?.('mail intake: SMTP server error', err));
  }

  private async mailFrom(address: SMTPServerAddress): Promise<void> {
    const max = this.svc.config.MAIL_INTAKE_MAX_BYTES;
    const announced = Number((address.args as { SIZE?: string }).SIZE ?? 0);
    if (announced > max) throw refusal(552, `5.3.4 Message exceeds the maximum size of ${max} bytes`);
    // The null sender (bounces) is taken and then ignored; it has no address to count against.
    if (!address.address) return;
    const allowed = await senderMayMail(this.svc, address.address);
    if (!allowed.ok) throw refusal(451, `4.7.1 Too many messages from ${address.address}; try again later`);
  }

  /** Listens; resolves with the port (useful with port 0). */
  async start(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.server.once('error', reject);
      this.server.listen(this.opts.port, this.opts.host, () => {
        this.server.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
