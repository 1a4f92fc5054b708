import { z } from 'zod';
import { projectKey } from './projects.ts';

/** Path parameters every resource shares; keys are accepted in any case and upper-cased. */
export const projectKeyParam = z
  .string()
  .transform((k) => k.toUpperCase())
  .pipe(projectKey);

export const issueKeyParam = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{1,9}-\d{1,9}$/, 'an issue key like SHOP-42')
  .transform((k) => k.toUpperCase());
