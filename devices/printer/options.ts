// The options of the printer driver (./drivers.ts): a technician switches models by configuration, not code;
// the host validates `devices.printer.options` against this schema.
import { z } from 'zod';
import { serialFlows } from '../serial';
import { defaultProfileName, profileNames } from './profiles';

export const escposSerialOptionsSchema = z
  .object({
    /** Printer profile (default epson-80); see devices/printer/profiles.ts. */
    profile: z.enum(profileNames as [string, ...string[]]).default(defaultProfileName),
    /** Flow control (default: the profile's, normally xonxoff). */
    flow: z.enum(serialFlows).optional(),
    /** Wait for each DLE EOT reply, ms (default 500). */
    statusTimeoutMs: z.number().int().min(50).max(10_000).optional(),
    /** Least time before a job's completion is called unknown, ms (default 10 000). */
    minJobTimeoutMs: z.number().int().min(500).max(120_000).optional(),
    /**
     * CJK font file (.ttc/.otf, Noto Sans CJK or a font with the same family name) for drawing the characters the
     * printer's font lacks (default Debian's fonts-noto-cjk; without the file such characters print as □).
     */
    glyphFont: z.string().min(1).optional(),
    /** Status poll while idle, ms (default 15 000; 0 = only around jobs and on request). */
    idlePollMs: z.number().int().min(0).max(600_000).optional(),
  })
  .strict();
export type EscPosSerialOptions = z.infer<typeof escposSerialOptionsSchema>;
