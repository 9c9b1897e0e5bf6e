// The hub's public surface for the CLI, tests and the kiosk side's integration tests.
export { startHub, type StartHubOptions, type RunningHubHandle } from './startHub';
export { createEnrolmentCode, revokeKiosk, listKiosks } from './store/kiosks';
export { createCityToken } from './store/cityOperators';
export { openSealed, hpkeSuite } from './openSealed';
export { openDb, type Db } from './db/db';
export { migrate } from './db/migrations';
export { defaultHubDataDir } from './dataDir';
