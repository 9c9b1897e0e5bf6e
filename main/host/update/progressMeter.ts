// Progress of one install for the field-staff screen: the phase from the installer's step names, payload bytes
// written of the total, and the time left at the rate so far. Time comes from an injected Clock, so the
// estimate is tested without waiting.
import type { Clock } from '../../../src/domain/clock';

export type InstallPhase = 'verifying' | 'writing' | 'checking' | 'switching';

export interface InstallProgress {
  phase: InstallPhase;
  bytesDone: number;
  bytesTotal: number;
  msLeft: number | null;
}

export function createProgressMeter(clock: Clock) {
  let sizes: number[] = [];
  let phase: InstallPhase = 'verifying';
  let bytesDone = 0;
  let writingSince: number | null = null;
  return {
    /** The payload's file sizes, in manifest order (known once the bundle is verified). */
    size(fileSizes: number[]) {
      sizes = fileSizes;
    },
    /** One durable step of installBundle (`verify:N`, `slot-cleared`, `file:N`, `recheck:N`, `before-switch`, …). */
    step(name: string) {
      const [kind, index] = name.split(':');
      if (name === 'slot-cleared') {
        phase = 'writing';
        writingSince = clock.now();
      } else if (kind === 'file') {
        phase = 'writing';
        bytesDone += sizes[Number(index)] ?? 0;
      } else if (kind === 'recheck' || name === 'sealed' || name === 'staged-verified') phase = 'checking';
      else if (name === 'before-switch' || name === 'after-switch') phase = 'switching';
    },
    progress(): InstallProgress {
      const bytesTotal = sizes.reduce((sum, n) => sum + n, 0);
      const elapsed = writingSince === null ? 0 : clock.now() - writingSince;
      const msLeft = phase !== 'writing' ? (phase === 'verifying' ? null : 0) : bytesDone > 0 && elapsed > 0 ? Math.round(((bytesTotal - bytesDone) * elapsed) / bytesDone) : null;
      return { phase, bytesDone, bytesTotal, msLeft };
    },
  };
}
