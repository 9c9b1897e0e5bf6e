// Case numbers carry the day the hub received the application in China (Asia/Shanghai), whatever zone the
// hub's machine is set to: at 00:01 in China it is still the day before in UTC (and two days before in the
// Americas), at 23:59 it is the same day. The hub's clock is injected; the day is built from the real one.
import { describe, expect, it } from 'vitest';
import { addDays, chinaInstant, chinaToday, systemClock } from '../../src/domain/clock';
import { batchResponseSchema } from '../../src/domain/hubApi';
import { call, enrol, makeItem, useDatabase, useHub } from './support';

describe('case-number day', () => {
  const day = addDays(chinaToday(systemClock), 45);
  let at = chinaInstant(day, '00:01');
  const database = useDatabase('pglite');
  const started = useHub(database, { clock: { now: () => at.getTime() } });

  const caseNoAt = async (instant: Date) => {
    at = instant;
    const kiosk = await enrol(started.hub);
    const answer = await call(`${started.hub.url}/v1/applications:batch`, { token: kiosk.credential, body: { items: [makeItem()] } });
    const [result] = batchResponseSchema.parse(answer.body).results;
    return result && 'caseNo' in result ? result.caseNo : undefined;
  };

  it('is the China day at 00:01 and at 23:59 China time', async () => {
    const yymmdd = (iso: string) => iso.slice(2).replaceAll('-', '');
    expect(await caseNoAt(chinaInstant(day, '00:01'))).toMatch(new RegExp(`^420100-${yymmdd(day)}-\\d{6,}$`));
    expect(await caseNoAt(chinaInstant(day, '23:59'))).toMatch(new RegExp(`^420100-${yymmdd(day)}-\\d{6,}$`));
    expect(await caseNoAt(chinaInstant(addDays(day, 1), '00:01'))).toMatch(new RegExp(`^420100-${yymmdd(addDays(day, 1))}-\\d{6,}$`));
  });
});
