// `config.maintenance`: the PIN hash of each maintenance role (set with `kioskctl maintenance set-pin`). No PIN
// for a role means that role cannot open the mode; no PIN at all keeps the mode closed.
import { z } from 'zod';
import { isPinHash } from './pinHash';

const pinHashSchema = z.string().refine(isPinHash, 'not a PIN hash written by kioskctl maintenance set-pin');

export const maintenanceConfigSchema = z
  .object({
    pins: z.object({ technician: pinHashSchema.optional(), fieldStaff: pinHashSchema.optional() }).strict().default({}),
  })
  .default({ pins: {} });
