import { AsyncLocalStorage } from 'node:async_hooks';
import type { Breadcrumb, RequestData, User } from './types.ts';

/**
 * What is known about "now": user, tags, extra, breadcrumbs and, inside a request, the request.
 * There is one global scope; request helpers run each request in a child scope held in
 * AsyncLocalStorage, so data set while handling one request never leaks into another's events.
 */
export class Scope {
  user: User | undefined;
  tags: Record<string, string> = {};
  extra: Record<string, unknown> = {};
  request: RequestData | undefined;
  /** Asked at capture time when no user was set (request helpers read `req.user` this way). */
  userFrom: (() => User | undefined) | undefined;
  breadcrumbs: Breadcrumb[] = [];

  constructor(
    readonly maxBreadcrumbs: number,
    readonly parent?: Scope,
  ) {}

  addBreadcrumb(crumb: Breadcrumb): void {
    if (this.maxBreadcrumbs <= 0) return;
    this.breadcrumbs.push(crumb);
    if (this.breadcrumbs.length > this.maxBreadcrumbs) this.breadcrumbs.shift();
  }

  /** This scope's data layered over its parents'. */
  resolved(): {
    user: User | undefined;
    tags: Record<string, string>;
    extra: Record<string, unknown>;
    request: RequestData | undefined;
    breadcrumbs: Breadcrumb[];
  } {
    const up = this.parent?.resolved();
    const breadcrumbs = up ? [...up.breadcrumbs, ...this.breadcrumbs] : this.breadcrumbs.slice();
    breadcrumbs.sort((a, b) => a.timestamp - b.timestamp);
    return {
      user: this.user ?? safeCall(this.userFrom) ?? up?.user,
      tags: { ...up?.tags, ...this.tags },
      extra: { ...up?.extra, ...this.extra },
      request: this.request ?? up?.request,
      breadcrumbs: breadcrumbs.slice(-this.maxBreadcrumbs),
    };
  }
}

/** The request scope of the async context that is running, if any. */
export const scopeStorage = new AsyncLocalStorage<Scope>();

function safeCall<T>(fn: (() => T) | undefined): T | undefined {
  try {
    return fn?.();
  } catch {
    return undefined;
  }
}
