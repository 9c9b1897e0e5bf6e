// "我的办件" beyond the list: the second 好差评 once the handling city completed a case (linked to the
// application, 评价次数 2, offered once) and the status slip of a case the hub told about.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { myAppsMachine } from './myAppsMachine';
import type { MyApplication } from './ports';
import { ratingMachine } from './ratingMachine';
import { childOf, createFakePorts, settle } from './testing';

const app = (receiptNo: string, status: NonNullable<MyApplication['case']>['status'] | null, extra: Partial<MyApplication> = {}): MyApplication => ({
  applicationId: `01890000-0000-7000-8000-0000000000${receiptNo.slice(-2)}`,
  serviceId: 'WHMA-SB-01',
  receiptNo,
  serviceName: '社会保障卡申领',
  submittedAt: '2026-11-22T02:00:00Z',
  status: 'accepted',
  caseNo: status ? `420100-261122-0000${receiptNo.slice(-2)}` : null,
  fromHub: status !== null,
  case: status ? { status, note: '', deadline: '2026-12-01', updatedAt: '2026-11-25T02:00:00Z', checkedAt: '2026-11-26T02:00:00Z' } : null,
  resultRated: false,
  ...extra,
});

async function listed(applications: MyApplication[]) {
  const ports = createFakePorts();
  ports.myApplications = applications;
  const actors = { ...ports.actors, rating: ratingMachine.provide({ actors: ports.actors as never }) };
  const actor = createActor(myAppsMachine.provide({ actors: actors as never }), { input: { locale: 'zh-CN' } }).start();
  ports.insertCard();
  await settle();
  expect(actor.getSnapshot().hasTag('myApps.list')).toBe(true);
  return { ports, actor };
}

describe('my applications: the result rating and the status slip', () => {
  it('rates the result of a completed case once, linked to the application and marked as the second rating', async () => {
    const { ports, actor } = await listed([app('R01', 'completed'), app('R02', 'accepted')]);
    actor.send({ type: 'user.rateResult', receiptNo: 'R02' }); // not completed: nothing to rate yet
    expect(actor.getSnapshot().hasTag('myApps.list')).toBe(true);
    actor.send({ type: 'user.rateResult', receiptNo: 'R01' });
    expect(actor.getSnapshot().hasTag('myApps.rating')).toBe(true);
    const rating = childOf(actor, 'rating')!;
    rating.send({ type: 'rating.submit' }); // no level chosen: nothing is pre-selected, nothing is saved
    expect(ports.ratings).toHaveLength(0);
    rating.send({ type: 'rating.level', level: 'veryDissatisfied' });
    rating.send({ type: 'rating.reason', reason: 'slow' });
    rating.send({ type: 'rating.submit' });
    await settle();
    expect(ports.ratings).toEqual([{ level: 'veryDissatisfied', reasons: ['slow'], serviceId: 'WHMA-SB-01', applicationId: app('R01', null).applicationId, receiptNo: 'R01', assessNumber: 2 }]);
    expect(rating.getSnapshot().hasTag('rating.thanks')).toBe(true);
    rating.send({ type: 'rating.done' });
    expect(actor.getSnapshot().hasTag('myApps.list')).toBe(true);
    expect(actor.getSnapshot().context.applications.find((a) => a.receiptNo === 'R01')?.resultRated).toBe(true);
    actor.send({ type: 'user.rateResult', receiptNo: 'R01' });
    expect(actor.getSnapshot().hasTag('myApps.list')).toBe(true);
    expect(ports.ratings).toHaveLength(1);
  });

  it('does not offer the result rating again for a case rated on an earlier visit, and skipping saves nothing', async () => {
    const { ports, actor } = await listed([app('R03', 'completed', { resultRated: true }), app('R04', 'completed')]);
    actor.send({ type: 'user.rateResult', receiptNo: 'R03' });
    expect(actor.getSnapshot().hasTag('myApps.list')).toBe(true);
    actor.send({ type: 'user.rateResult', receiptNo: 'R04' });
    childOf(actor, 'rating')!.send({ type: 'rating.skip' });
    expect(actor.getSnapshot().hasTag('myApps.list')).toBe(true);
    expect(ports.ratings).toHaveLength(0);
  });

  it('prints a status slip of a case the hub told about, and tells how it went', async () => {
    const { ports, actor } = await listed([app('R05', 'needsCorrection'), app('R06', null)]);
    actor.send({ type: 'user.printSlip', receiptNo: 'R06' }); // nothing known from the hub: no slip
    expect(ports.slips).toHaveLength(0);
    ports.printOutcome = 'paperOut';
    actor.send({ type: 'user.printSlip', receiptNo: 'R05' });
    expect(actor.getSnapshot().context.slip).toEqual({ receiptNo: 'R05', outcome: null });
    await settle();
    expect(ports.slips.map((s) => s.application.receiptNo)).toEqual(['R05']);
    expect(actor.getSnapshot().context.slip).toEqual({ receiptNo: 'R05', outcome: 'paperOut' });
    expect(actor.getSnapshot().hasTag('myApps.list')).toBe(true);
  });
});
