// City operator tokens expire and can be revoked (issue 10 §3). The hub's clock is injected: expiry is tested
// by moving it, never by waiting, and holds on any day.
import { describe, expect, it } from 'vitest';
import { hubErrorSchema } from '../../src/domain/hubApi';
import { call, engines, useDatabase, useHub } from './support';

const day = 24 * 3600 * 1000;

describe.each(engines)('city tokens on %s', (engine) => {
  const database = useDatabase(engine);
  // Any fixed instant works: creation and every check read this clock, never the machine's.
  let clock = Date.parse('2031-03-14T02:00:00Z');
  const started = useHub(database, { clock: { now: () => clock } });
  const queue = (token: string) => call(`${started.hub.url}/v1/cities/420100/applications`, { token });

  it('expire after their time to live (90 days by default)', async () => {
    const short = await started.hub.createCityToken('420100', 'short', 2 * day);
    const standard = await started.hub.createCityToken('420100', 'standard');
    expect(standard.expiresAt.getTime() - clock).toBe(90 * day);
    expect((await queue(short.token)).status).toBe(200);
    clock += 2 * day - 1;
    expect((await queue(short.token)).status).toBe(200);
    clock += 1;
    const expired = await queue(short.token);
    expect(expired.status).toBe(401);
    expect(hubErrorSchema.parse(expired.body).reason).toMatch(/expired/);
    expect((await queue(standard.token)).status).toBe(200);
    clock += 88 * day;
    expect((await queue(standard.token)).status).toBe(401);
  });

  it('stop working at once when revoked by their id', async () => {
    const token = await started.hub.createCityToken('420100', 'to revoke');
    expect(token.id).toMatch(/^CT-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect((await queue(token.token)).status).toBe(200);
    expect(await started.hub.revokeCityToken(token.id)).toBe(true);
    expect((await queue(token.token)).status).toBe(401);
    expect(await started.hub.revokeCityToken(token.id)).toBe(false);
    const rows = await database.db.query<{ token_hash: string }>('SELECT token_hash FROM city_operators WHERE id = $1', [token.id]);
    expect(rows.rows[0]?.token_hash).not.toContain(token.token);
  });
});
