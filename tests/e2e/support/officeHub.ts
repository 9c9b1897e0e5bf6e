// A hub for the back-office specs: in-memory PGlite, the catalogue the kiosks ship, the opening key given to
// the office (`officeKeyFile`), operators added as `kioskctl hub operator add` adds them (scrypt hash, audited),
// and applications submitted as an enrolled kiosk submits them (sealed with HPKE to the hub's key).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { hpkeSuite, openDb, startHub } from '../../../hub';
import type { Db, RunningHubHandle } from '../../../hub';
import { hashPassword } from '../../../hub/office/passwords';
import { addOperatorAudited } from '../../../hub/routes/adminOffice';
import { enrolResponseSchema, sealAssociatedData, sealSuite } from '../../../src/domain/hubApi';
import { formatReceiptNo } from '../../../src/domain/receiptNo';
import { repoRoot } from './kioskHost';

export interface OfficeHub {
  hub: RunningHubHandle;
  db: Db;
  addOperator(city: string, name: string, password: string): Promise<void>;
  /** Enrols a kiosk at `siteCode` and submits one application handled in `handlingCity`; its id, case and receipt numbers. */
  submit(input: { siteCode: string; handlingCity: string; serviceId: string; personal: unknown }): Promise<{ id: string; caseNo: string; receiptNo: string }>;
  close(): Promise<void>;
}

let receiptSeq = 30_000_000;

export async function startOfficeHub(): Promise<OfficeHub> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-office-e2e-'));
  const db = await openDb({ databaseUrl: 'memory://' });
  const dataDir = join(dir, 'hub');
  const { loadHubKeys } = await import('../../../hub/keys');
  loadHubKeys(dataDir); // first start makes the keys; the office is then told where the opening key is
  const hub = await startHub({
    dataDir,
    db,
    log: false,
    catalogFile: join(repoRoot, 'src', 'domain', 'catalogData', 'catalog.json'),
    officeKeyFile: join(dataDir, 'keys', 'hpke-x25519.pem'),
  });
  return {
    hub,
    db,
    async addOperator(city, name, password) {
      await addOperatorAudited(db, { city, name, passwordHash: await hashPassword(password) }, new Date());
    },
    async submit({ siteCode, handlingCity, serviceId, personal }) {
      const { code } = await hub.createEnrolmentCode(siteCode);
      const enrolled = await fetch(`${hub.url}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, kioskVersion: '0.1.0' }) });
      const kiosk = enrolResponseSchema.parse(await enrolled.json());
      const id = randomUUID();
      const recipientPublicKey = await hpkeSuite.kem.deserializePublicKey(Buffer.from(kiosk.hpkePublicKey, 'base64'));
      const sealed = await hpkeSuite.seal({ recipientPublicKey }, new TextEncoder().encode(JSON.stringify(personal)), sealAssociatedData(id, kiosk.kioskId, serviceId));
      const receiptNo = formatReceiptNo(siteCode, receiptSeq++);
      const item = { id, receiptNo, serviceId, handlingCity, createdAt: new Date().toISOString(), sealed: { suite: sealSuite, enc: Buffer.from(sealed.enc).toString('base64'), ct: Buffer.from(sealed.ct).toString('base64') } };
      const answer = await fetch(`${hub.url}/v1/applications:batch`, { method: 'POST', headers: { authorization: `Bearer ${kiosk.credential}`, 'content-type': 'application/json' }, body: JSON.stringify({ items: [item] }) });
      const body = (await answer.json()) as { results: { status: string; caseNo?: string }[] };
      if (body.results[0]?.status !== 'accepted') throw new Error(`submission not accepted: ${JSON.stringify(body)}`);
      return { id, caseNo: body.results[0].caseNo!, receiptNo };
    },
    async close() {
      await hub.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
