// `kioskctl sim idcard|printer …`: the byte-exact device simulators, each on one end of a pseudo-terminal.
import type { CommandGroup } from './types';
import { exitCodes } from './types';

const simulators: Record<string, () => Promise<{ default: CommandGroup }>> = {
  idcard: () => import('./simIdcard'),
  printer: () => import('./simPrinter'),
};

const run: CommandGroup = async ([name, ...rest]) => {
  const load = name ? simulators[name] : undefined;
  if (!load) {
    console.error('usage: kioskctl sim idcard|printer --link PATH …');
    return exitCodes.usage;
  }
  return (await load()).default(rest);
};
export default run;
