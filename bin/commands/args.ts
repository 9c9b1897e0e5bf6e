// The command-line plumbing of the `kioskctl <group> <command> …` groups (hub.ts, kiosk.ts): the usage
// failure (message and usage on stderr, exit 64) and the parse that answers --help and a missing command.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { exitCodes } from './types';

/** A group's usage failure: prints `kioskctl <group>: <message>` and the usage to stderr; returns 64. */
export function usageFailure(group: string, usage: string): (message: string) => number {
  return (message) => {
    console.error(`kioskctl ${group}: ${message}\n\n${usage}`);
    return exitCodes.usage;
  };
}

/** The option declarations `parseArgs` takes (node's own type is not exported). */
type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>>;

export interface CommandLine<O extends ParseArgsOptionsConfig> {
  command: string;
  /** The positionals after the command. */
  rest: string[];
  values: Parsed<O>['values'];
}

/**
 * Parses `<command> [args…] [--options]`. Resolves with the exit code when there is nothing to run: a parse error
 * (the usage failure, 64), `--help`/`-h` (usage on stdout, 0) or no command (usage on stdout, 64). `options`
 * must declare `help: { type: 'boolean', short: 'h' }`.
 */
export function parseCommandLine<O extends ParseArgsOptionsConfig & { help: { type: 'boolean'; short: 'h' } }>(
  argv: string[],
  options: O,
  usage: string,
  fail: (message: string) => number,
): CommandLine<O> | number {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true });
  } catch (error) {
    return fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const help = (values as { help?: boolean }).help === true;
  if (help || !command) {
    console.log(usage);
    return help ? exitCodes.ok : exitCodes.usage;
  }
  return { command, rest, values };
}
