// The regional hub, reached only through the host's hub client (it alone holds the kiosk credential).
// Placeholder until the outbox issue lands: connectivity only.
import { z } from 'zod';
import { defineEvents, defineMethods } from './define';

export const hubStatusSchema = z.object({
  state: z.enum(['unenrolled', 'online', 'offline']),
  lastContactAt: z.string().nullable(),
});
export type HubStatus = z.infer<typeof hubStatusSchema>;

export const hubMethods = defineMethods({
  'hub.status': { input: z.object({}).strict(), output: hubStatusSchema },
});

export const hubEvents = defineEvents({
  'hub.status': hubStatusSchema,
});
