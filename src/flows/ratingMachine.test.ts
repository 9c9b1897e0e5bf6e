// One 好差评: the comment under 其他 (kept only while 其他 is ticked, at most 200 characters), and how the
// thank-you ends: by itself at the end of a visit, on 完成 in "我的办件".
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { ratingMachine, type RatingFlowInput } from './ratingMachine';
import { createFakePorts, settle } from './testing';

const target = { serviceId: 'WHMA-YB-01', applicationId: null, receiptNo: null };

function start(input: RatingFlowInput = target) {
  const ports = createFakePorts();
  const clock = new SimulatedClock();
  const actor = createActor(ratingMachine.provide({ actors: ports.actors as never }), { input, clock }).start();
  return { ports, actor, clock };
}

describe('a rating', () => {
  it('takes a comment only under 其他, cut at 200 characters, and drops it when 其他 or the level changes', async () => {
    const { ports, actor } = start();
    actor.send({ type: 'rating.level', level: 'veryDissatisfied' });
    actor.send({ type: 'rating.comment', text: '没有勾其他' });
    expect(actor.getSnapshot().context.comment).toBe('');
    actor.send({ type: 'rating.reason', reason: 'other' });
    actor.send({ type: 'rating.comment', text: '长'.repeat(250) });
    expect(actor.getSnapshot().context.comment).toHaveLength(200);
    actor.send({ type: 'rating.level', level: 'dissatisfied' }); // another level: its reasons start afresh
    expect(actor.getSnapshot().context).toMatchObject({ reasons: [], comment: '' });
    actor.send({ type: 'rating.reason', reason: 'other' });
    actor.send({ type: 'rating.comment', text: '等候时间太长，字也太小' });
    actor.send({ type: 'rating.submit' });
    await settle();
    expect(ports.ratings).toEqual([{ ...target, level: 'dissatisfied', reasons: ['other'], comment: '等候时间太长，字也太小' }]);
    expect(actor.getSnapshot().hasTag('rating.thanks')).toBe(true);
  });

  it('has no reasons for a good level', () => {
    const { actor } = start();
    actor.send({ type: 'rating.level', level: 'satisfied' });
    actor.send({ type: 'rating.reason', reason: 'other' });
    expect(actor.getSnapshot().context.reasons).toEqual([]);
  });

  it('leaves the thank-you by itself only when asked to, and says whether it was rated or skipped', async () => {
    const visit = start({ ...target, autoLeave: true });
    visit.actor.send({ type: 'rating.level', level: 'satisfied' });
    visit.actor.send({ type: 'rating.submit' });
    await settle();
    visit.clock.increment(5000);
    expect(visit.actor.getSnapshot()).toMatchObject({ status: 'done', output: { outcome: 'rated' } });

    const result = start({ ...target, assessNumber: 2 });
    result.actor.send({ type: 'rating.level', level: 'satisfied' });
    result.actor.send({ type: 'rating.submit' });
    await settle();
    result.clock.increment(60_000);
    expect(result.actor.getSnapshot().hasTag('rating.thanks')).toBe(true);
    result.actor.send({ type: 'rating.done' });
    expect(result.actor.getSnapshot()).toMatchObject({ status: 'done', output: { outcome: 'rated' } });
    expect(result.ports.ratings[0]).toMatchObject({ assessNumber: 2 });

    const skipped = start();
    skipped.actor.send({ type: 'rating.skip' });
    expect(skipped.actor.getSnapshot()).toMatchObject({ status: 'done', output: { outcome: 'skipped' } });
    expect(skipped.ports.ratings).toEqual([]);
  });
});
