import type { apiTokenSchema, invitationSchema } from '@closeloop/shared/api/accounts';
import type { labelSchema } from '@closeloop/shared/api/projects';
import type { z } from 'zod';

export type ApiToken = z.infer<typeof apiTokenSchema>;
export type Invitation = z.infer<typeof invitationSchema>;
export type Label = z.infer<typeof labelSchema>;
