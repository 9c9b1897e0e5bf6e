// Back-office operators, sessions and the audit log (issue 13, migration 7), on PGlite and on PostgreSQL; and
// `kioskctl hub operator add` / `kioskctl hub audit` as a real child process, through a running hub (PGlite)
// and straight on a shared PostgreSQL. Times come from dates the test chooses, never from today.
import { describe, expect, it } from 'vitest';
import { hashPassword, isPasswordHash, verifyPassword } from '../../hub/office/passwords';
import { readAudit, writeAudit } from '../../hub/store/officeAudit';
import { addOperator, createSession, endSession, findOperatorForLogin, OperatorError, readSession, sessionTtlMs } from '../../hub/store/operators';
import { runKioskctl } from '../support/kioskctl';
import { engines, useDatabase, useHub } from './support';

const monday = new Date('2026-09-28T01:00:00Z');
let nameSeq = 0;
const uniqueName = (base: string) => `${base}${++nameSeq}-${Math.random().toString(36).slice(2, 6)}`;

describe('operator passwords', () => {
  it('are scrypt hashes that verify the password and nothing else', async () => {
    const hash = await hashPassword('长江大桥-1957-wuhan');
    expect(isPasswordHash(hash)).toBe(true);
    expect(hash).not.toContain('wuhan');
    expect(await verifyPassword('长江大桥-1957-wuhan', hash)).toBe(true);
    expect(await verifyPassword('长江大桥-1957-wuhaN', hash)).toBe(false);
    expect(await hashPassword('长江大桥-1957-wuhan')).not.toBe(hash); // salted
    await expect(hashPassword('short')).rejects.toThrow(/at least 10/);
    expect(await verifyPassword('anything-long', 'plain-text-password')).toBe(false);
  });
});

describe.each(engines)('operators, sessions and audit on %s', (engine) => {
  const database = useDatabase(engine);

  it('adds an operator once per name and finds them for sign-in', async () => {
    const name = uniqueName('王五');
    const passwordHash = await hashPassword('correct horse battery');
    const added = await addOperator(database.db, { city: '420100', name, passwordHash, now: monday });
    expect(added).toMatchObject({ name, city: '420100', id: expect.stringMatching(/^OP-[0-9A-Z]{4}-[0-9A-Z]{4}$/) });
    await expect(addOperator(database.db, { city: '420200', name, passwordHash, now: monday })).rejects.toBeInstanceOf(OperatorError);
    await expect(addOperator(database.db, { city: '420200', name: uniqueName('x'), passwordHash: 'not-a-hash', now: monday })).rejects.toThrow(/scrypt/);
    const found = await findOperatorForLogin(database.db, name);
    expect(found).toMatchObject({ id: added.id, city: '420100' });
    expect(await verifyPassword('correct horse battery', found!.passwordHash)).toBe(true);
    expect(await findOperatorForLogin(database.db, 'nobody')).toBeNull();
  });

  it('keeps a session until it is ended or expires, and not for a disabled operator', async () => {
    const operator = await addOperator(database.db, { city: '420200', name: uniqueName('赵六'), passwordHash: await hashPassword('correct horse battery'), now: monday });
    const { cookie, session } = await createSession(database.db, operator, monday);
    expect(session.csrfToken.length).toBeGreaterThanOrEqual(32);
    const stored = await database.db.query<{ token_hash: string }>('SELECT token_hash FROM office_sessions WHERE operator_id = $1', [operator.id]);
    expect(stored.rows[0]?.token_hash).not.toBe(cookie); // only the hash is stored
    expect(await readSession(database.db, cookie, new Date(monday.getTime() + sessionTtlMs - 1))).toMatchObject({ operator, csrfToken: session.csrfToken });
    expect(await readSession(database.db, cookie, new Date(monday.getTime() + sessionTtlMs))).toBeNull();
    expect(await readSession(database.db, 'x'.repeat(43), monday)).toBeNull();

    await endSession(database.db, cookie, monday);
    expect(await readSession(database.db, cookie, monday)).toBeNull();

    const second = await createSession(database.db, operator, monday);
    await database.db.query('UPDATE office_operators SET disabled_at = $2 WHERE id = $1', [operator.id, monday]);
    expect(await readSession(database.db, second.cookie, monday)).toBeNull();
    expect(await findOperatorForLogin(database.db, operator.name)).toBeNull();
  });

  it('keeps the audit log forever, in order, per city', async () => {
    const at = new Date('2026-09-29T02:00:00Z');
    const applicationId = '0190f1c2-0000-7000-8000-000000000001';
    await writeAudit(database.db, { at, action: 'open', operatorId: 'OP-TEST-0001', operatorName: '孙七', city: '421100', applicationId, caseNo: '421100-260929-000001' });
    await writeAudit(database.db, { at, action: 'loginFailed', operatorId: null, operatorName: '', city: '' });
    const huanggang = await readAudit(database.db, { city: '421100' });
    expect(huanggang).toEqual([
      { seq: expect.any(String), at: at.toISOString(), action: 'open', operatorId: 'OP-TEST-0001', operatorName: '孙七', city: '421100', applicationId, caseNo: '421100-260929-000001', detail: '' },
    ]);
    expect((await readAudit(database.db)).some((e) => e.action === 'loginFailed')).toBe(true);
    await expect(database.db.query("UPDATE office_audit SET operator_name = 'x' WHERE city = '421100'")).rejects.toThrow(/kept forever/);
    await expect(database.db.query("DELETE FROM office_audit WHERE city = '421100'")).rejects.toThrow(/kept forever/);
    await expect(writeAudit(database.db, { at, action: 'sneaked' as 'open', operatorId: null, operatorName: '', city: '' })).rejects.toThrow();
  });
});

describe.each([
  { engine: 'pglite' as const, via: 'the running hub' },
  { engine: 'postgres' as const, via: 'the database' },
])('kioskctl hub operator add / audit on $engine, through $via', ({ engine }) => {
  const database = useDatabase(engine);
  const started = useHub(database);
  const kioskctl = (args: string[], input?: string) => runKioskctl(['hub', ...args, '--data', started.dataDir], { DATABASE_URL: database.url }, 60_000, input);

  it('adds an operator with the password from stdin, never from an argument, and prints the audit log', { timeout: 180_000 }, async () => {
    const name = uniqueName('李四');
    const added = await kioskctl(['operator', 'add', '--city', '420700', '--name', name], 'ezhou-office-2026\n');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(new RegExp(`operator ${name} \\(OP-[0-9A-Z-]+\\) works the cases of 420700`));
    const stored = await findOperatorForLogin(database.db, name);
    expect(await verifyPassword('ezhou-office-2026', stored!.passwordHash)).toBe(true);

    expect((await kioskctl(['operator', 'add', '--city', '420700', '--name', name], 'another-password-1\n')).code).toBe(1); // name taken
    expect((await kioskctl(['operator', 'add', '--city', '420700', '--name', uniqueName('x')], 'short\n')).code).toBe(1);
    expect((await kioskctl(['operator', 'add', '--city', '420702', '--name', uniqueName('x')], 'long-enough-pass\n')).code).toBe(64); // a district
    expect((await kioskctl(['operator', 'add', '--city', '420700', '--name', uniqueName('x'), '--password', 'long-enough-pass'])).code).toBe(64);

    const listed = JSON.parse((await kioskctl(['operator', 'list', '--city', '420700', '--json'])).stdout) as { name: string; disabled: boolean }[];
    expect(listed.filter((o) => o.name === name)).toEqual([expect.objectContaining({ disabled: false })]);
    const disabled = await kioskctl(['operator', 'disable', '--name', name]);
    expect(disabled.code, disabled.stderr).toBe(0);
    expect(await findOperatorForLogin(database.db, name)).toBeNull();
    expect((await kioskctl(['operator', 'disable', '--name', name])).code).toBe(1); // not active any more
    expect((await kioskctl(['operator', 'list'])).stdout).toMatch(new RegExp(`420700  ${name}  \\S+  disabled`));

    const json = await kioskctl(['audit', '--city', '420700', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const entries = JSON.parse(json.stdout) as { action: string; operatorName: string; city: string }[];
    expect(entries.filter((e) => e.operatorName === name).map((e) => [e.action, e.city])).toEqual([['operatorAdded', '420700'], ['operatorDisabled', '420700']]);
    const text = await kioskctl(['audit']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`operatorAdded  ${name} (`);
    expect(text.stdout).not.toContain('ezhou-office-2026');
  });
});
