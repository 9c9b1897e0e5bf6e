import type { CommandGroup } from './types';
import { exitCodes } from './types';

const run: CommandGroup = async () => {
  console.error('kioskctl sim: this simulator is not implemented yet');
  return exitCodes.failure;
};
export default run;
