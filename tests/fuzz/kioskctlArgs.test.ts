// Issue 15 §4: kioskctl's argument parsing (bin/commands/args.ts) under any argv — unknown and repeated
// options, missing values, `--` and `-` tokens, options glued to values, any Unicode. It never throws; it
// answers a usage failure (64, on stderr), help (0) or a command line whose command is one of the words given
// and whose values are only the declared options. The command groups built on it answer an unknown command
// with 64 and do nothing (argv here never names a real command, so nothing runs).
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCommandLine, usageFailure } from '../../bin/commands/args';
import { exitCodes } from '../../bin/commands/types';

const options = {
  help: { type: 'boolean', short: 'h' },
  data: { type: 'string' },
  port: { type: 'string', short: 'p' },
  json: { type: 'boolean' },
  ports: { type: 'string', multiple: true },
} as const;

/** Words of real commands in any group: never generated, so a group never runs one. */
const commandWords = new Set([
  'read', 'status', 'test', 'list', 'detect', 'apply', 'set-pin', 'clear-pin', 'idcard', 'printer', 'start', 'enrol-code', 'open', 'revoke', 'case-event',
  'city-token', 'kiosks', 'release', 'enrol', 'keygen', 'build', 'verify', 'trust', 'install', 'boot', 'mark-good', 'check', 'fetch', 'usb', 'help',
]);

const token = fc
  .oneof(
    { arbitrary: fc.constantFrom('--help', '-h', '--data', '--data=', '--port', '-p', '-p3', '--json', '--json=1', '--ports', '--ports=a,b', '--', '-', '---', '--no-json', '-hx', '--unknown', '-z', '--data=/tmp/x'), weight: 3 },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 3 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 1 },
    { arbitrary: fc.string({ maxLength: 6 }).map((s) => `--${s}`), weight: 1 },
    { arbitrary: fc.string({ maxLength: 3 }).map((s) => `-${s}`), weight: 1 },
  )
  .filter((word) => !commandWords.has(word));
const argv = fc.array(token, { maxLength: 8 });

let errors: string[];
let logs: string[];
beforeEach(() => {
  errors = [];
  logs = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.join(' ')));
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('kioskctl argument parsing under any argv', () => {
  it('parseCommandLine never throws and answers usage, help or a command line made of what was given', () => {
    fc.assert(
      fc.property(argv, (args) => {
        errors = [];
        logs = [];
        const line = parseCommandLine([...args], options, 'usage: test', usageFailure('test', 'usage: test'));
        if (typeof line === 'number') {
          expect([exitCodes.ok, exitCodes.usage]).toContain(line);
          // Something was said, on stdout for help or no command, on stderr for a parse error.
          expect(errors.length + logs.length).toBe(1);
          if (line === exitCodes.ok) expect(args.some((a) => a === '--help' || /^-[^-]*h/.test(a))).toBe(true);
          return;
        }
        expect(line.command.length).toBeGreaterThan(0);
        expect(args).toContain(line.command);
        for (const word of line.rest) expect(args.some((a) => a === word || a.endsWith(`=${word}`))).toBe(true);
        for (const key of Object.keys(line.values)) expect(Object.keys(options)).toContain(key);
        if (line.values.ports !== undefined) expect(Array.isArray(line.values.ports)).toBe(true);
        expect(line.values.help).not.toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  // `devices` answers usage failures with 2, as tests/devices/detect.test.ts expects (its own older rule).
  it.each([
    ['hub', exitCodes.usage],
    ['kiosk', exitCodes.usage],
    ['devices', 2],
    ['maintenance', exitCodes.usage],
    ['bundle', exitCodes.usage],
    ['update', exitCodes.usage],
  ] as const)('kioskctl %s answers an unknown command with its usage code (or help with 0) and runs nothing', async (group, usageCode) => {
    const { default: run } = (await import(`../../bin/commands/${group}.ts`)) as { default: (argv: string[]) => Promise<number> };
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        const code = await run([...args]);
        expect([exitCodes.ok, usageCode]).toContain(code);
      }),
      { numRuns: 60 },
    );
  });
});
