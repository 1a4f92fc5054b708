import { z } from 'zod';

/**
 * The inbound-mail webhook (issue 17.3): the one shape Closeloop takes from mail providers'
 * inbound parsing (Postmark, Mailgun, SendGrid and the like map onto it with a few lines of
 * glue). Attachments come base64-encoded. Sizes are bounded by the route's body limit
 * (MAIL_INTAKE_MAX_BYTES) as well as by these caps.
 */
const addressList = z.union([z.string().max(10_000), z.array(z.string().max(320)).max(100)]);

export const inboundMailBody = z.object({
  /** `Name <address>` or a bare address. */
  from: z.string().min(3).max(400),
  to: addressList,
  cc: addressList.optional(),
  /** The SMTP envelope sender if the provider passes it ('' is a bounce). */
  envelopeFrom: z.string().max(320).optional(),
  subject: z.string().max(2_000).optional(),
  text: z.string().max(5_000_000).optional(),
  html: z.string().max(10_000_000).optional(),
  messageId: z.string().max(1_000).optional(),
  inReplyTo: z.string().max(10_000).optional(),
  references: z.string().max(20_000).optional(),
  /** The mail's headers by name (Auto-Submitted, Precedence … are read from here). */
  headers: z.record(z.string().max(200), z.string().max(20_000)).optional(),
  attachments: z
    .array(
      z.object({
        filename: z.string().min(1).max(300),
        contentType: z.string().min(1).max(200),
        /** base64 */
        content: z.string().max(70_000_000),
      }),
    )
    .max(50)
    .optional(),
});
export type InboundMailBody = z.infer<typeof inboundMailBody>;

export const mailOutcomeSchema = z.object({
  recipient: z.string(),
  /** report: filed as a user report; comment: added to the issue it answers; ignored / refused: nothing kept. */
  outcome: z.enum(['report', 'comment', 'ignored', 'refused']),
  reason: z.string().nullable(),
});
export type MailOutcome = z.infer<typeof mailOutcomeSchema>;

export const inboundMailResultSchema = z.object({ results: z.array(mailOutcomeSchema) });

/** A project's email intake (admins, on the setup page). */
export const projectMailIntakeBody = z.strictObject({ enabled: z.boolean() });
export const projectMailIntakeSchema = z.object({
  enabled: z.boolean(),
  /** `<key>@<domain>`; null when this server takes no mail (MAIL_INTAKE_DOMAIN unset). */
  address: z.string().nullable(),
});
export type ProjectMailIntake = z.infer<typeof projectMailIntakeSchema>;
