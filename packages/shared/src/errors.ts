/**
 * The closed set of error codes every part of Closeloop speaks: the server maps them to HTTP
 * statuses in one table (server/src/http/error-status.ts); the SDKs and CLI read them back.
 */
export const ERROR_CODES = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'unprocessable',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: unknown };
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export class Invalid extends AppError {
  constructor(message: string, details: unknown = null) {
    super('invalid', message, details);
  }
}
export class Unauthenticated extends AppError {
  constructor(message = 'Sign in first', details: unknown = null) {
    super('unauthenticated', message, details);
  }
}
export class Forbidden extends AppError {
  constructor(message = 'Your role does not allow this', details: unknown = null) {
    super('forbidden', message, details);
  }
}
export class NotFound extends AppError {
  constructor(what: string, details: unknown = null) {
    super('not_found', `${what} not found`, details);
  }
}
export class Conflict extends AppError {
  constructor(message: string, details: unknown = null) {
    super('conflict', message, details);
  }
}
/** Well-formed input that breaks a domain rule (a forbidden transition, a missing required field). */
export class Unprocessable extends AppError {
  constructor(message: string, details: unknown = null) {
    super('unprocessable', message, details);
  }
}
export class RateLimited extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    details: unknown = null,
  ) {
    super('rate_limited', message, details);
  }
}
export class Unavailable extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    details: unknown = null,
  ) {
    super('unavailable', message, details);
  }
}
