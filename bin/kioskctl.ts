// kioskctl: the technician's and field staff's command line (devices, simulators, hub, bundles, enrolment).
// Each command group lives in bin/commands/<group>.ts and returns the process exit code.
import type { CommandGroup } from './commands/types';

const groups: Record<string, () => Promise<{ default: CommandGroup }>> = {
  card: () => import('./commands/card'),
  printer: () => import('./commands/printer'),
  sim: () => import('./commands/sim'),
  hub: () => import('./commands/hub'),
  kiosk: () => import('./commands/kiosk'),
  devices: () => import('./commands/devices'),
  maintenance: () => import('./commands/maintenance'),
  config: () => import('./commands/config'),
  bundle: () => import('./commands/bundle'),
  update: () => import('./commands/update'),
};

function usage(): string {
  return [
    'usage: kioskctl <group> <command> [options]',
    '',
    '  card read --port PATH [--baud N] [--timeout MS] [--json]     wait for an ID card and print it',
    '  printer test --port PATH [--profile NAME] [--baud N]          print a test page',
    '  printer status --port PATH [--json]                           read the printer status',
    '  devices list [--json]                                        serial ports with USB ids and maker',
    '  devices detect [--ports P1,P2] [--timeout MS] [--json]       which device answers on each port',
    '  devices apply [--data DIR] [--ports …] [--timeout MS]        detect and write the result into config.json',
    '  maintenance set-pin --role technician|field-staff [--data DIR]  PIN for maintenance mode, read from stdin',
    '  config get [KEY] | set KEY VALUE | validate [--data DIR]     read, change (validated, atomic) or check config.json',
    '  sim idcard --link PATH --card FILE.json [--faults LIST]       ID-card reader simulator on a pty',
    '  sim printer --link PATH --out DIR [--state STATE]             receipt printer simulator on a pty',
    '  hub start [--port N] [--data DIR]                             run the regional hub',
    '  hub enrol-code --site DIVISIONCODE-NNN                        one-time enrolment code',
    '  hub open ID                                                   open a sealed application (operator)',
    '  hub revoke KIOSK                                              revoke a kiosk credential',
    '  kiosk enrol --code CODE --hub URL [--data DIR]                enrol this kiosk with its hub',
    '  kiosk status [--data DIR] [--json]                            kiosk id, site, hub, enrolled or not',
    '  bundle keygen|build|verify …                                  signed update bundles (kioskctl bundle --help)',
    '  update trust|install|status|boot|mark-good|check [--data DIR] A/B slots on this kiosk (kioskctl update --help)',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [group, ...rest] = argv;
  const load = group ? groups[group] : undefined;
  if (!load) {
    console.error(group && group !== '--help' && group !== 'help' ? `unknown command group: ${group}\n\n${usage()}` : usage());
    return group === '--help' || group === 'help' ? 0 : 64;
  }
  const { default: command } = await load();
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`kioskctl: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
