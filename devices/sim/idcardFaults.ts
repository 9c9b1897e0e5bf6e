// Fault list for the ID-card simulator: `--faults split,garbage,err41:2,unplug:3000:1000`.
export interface SimFaults {
  /** Replies written in random chunks of 1–64 bytes, 1 ms apart. */
  split?: boolean;
  /** 2–17 random bytes (with preamble fragments) before every reply. */
  garbage?: boolean;
  /** The first N read replies of each card placement have a wrong checksum (`badchecksum` = 1). */
  badchecksum?: number;
  /** find never sees a card. */
  nocard?: boolean;
  /** The first N reads of each placement answer 41 (`err41` = 1). */
  err41?: number;
  /** The first N reads of each placement answer 31 (`err31` = 1). */
  err31?: number;
  /** Bytes written no faster than the configured baud rate allows (8N1: 10 bits a byte). */
  pace?: boolean;
  /** Close the simulator's end after `afterMs`, and reopen it `reopenMs` later if given (`unplug` = after 1000 ms). */
  unplug?: { afterMs: number; reopenMs?: number };
  /** 30 10 answers 21 (a SAM without fingerprint support). */
  nofp?: boolean;
}

export const faultNames = ['split', 'garbage', 'badchecksum', 'nocard', 'err41', 'err31', 'pace', 'unplug', 'nofp'] as const;

export class FaultListError extends Error {
  readonly code = 'sim_faults_invalid';
}

const count = (name: string, arg: string | undefined): number => {
  if (arg === undefined) return 1;
  const n = Number(arg);
  if (!Number.isInteger(n) || n < 0) throw new FaultListError(`${name} takes a count, got "${arg}"`);
  return n;
};

export function parseFaults(list: string | string[]): SimFaults {
  const items = (Array.isArray(list) ? list : list.split(',')).map((s) => s.trim()).filter(Boolean);
  const faults: SimFaults = {};
  for (const item of items) {
    const [name, ...args] = item.split(':');
    switch (name) {
      case 'split':
      case 'garbage':
      case 'nocard':
      case 'pace':
      case 'nofp':
        if (args.length) throw new FaultListError(`${name} takes no argument`);
        faults[name] = true;
        break;
      case 'badchecksum':
      case 'err41':
      case 'err31':
        faults[name] = count(name, args[0]);
        break;
      case 'unplug': {
        const afterMs = args[0] === undefined ? 1000 : count(name, args[0]);
        faults.unplug = args[1] === undefined ? { afterMs } : { afterMs, reopenMs: count(name, args[1]) };
        break;
      }
      default:
        throw new FaultListError(`unknown fault "${name}" (known: ${faultNames.join(', ')})`);
    }
  }
  return faults;
}
