// A hub in its own process, so a test can SIGKILL it mid-batch. Prints one JSON line: { url, code }.
// argv: dataDir databaseUrl [siteCode]
import { startHub } from '../../../hub/startHub';

const [dataDir, databaseUrl, siteCode] = process.argv.slice(2);
if (!dataDir || !databaseUrl) throw new Error('usage: hubMain.ts DATADIR DATABASE_URL [SITE]');
const hub = await startHub({ dataDir, databaseUrl, log: false });
const code = siteCode ? (await hub.createEnrolmentCode(siteCode)).code : null;
process.stdout.write(JSON.stringify({ url: hub.url, code }) + '\n');
process.on('SIGTERM', () => void hub.close().then(() => process.exit(0)));
