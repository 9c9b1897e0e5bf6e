// `npm test`'s first step: the Debian packages the suites need (main/systemDeps.ts, shared with `npm start`).
import { ensureSystemPackages } from '../../main/systemDeps';

process.exit(ensureSystemPackages('test') ? 0 : 1);
