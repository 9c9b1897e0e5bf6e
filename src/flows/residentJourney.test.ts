// The resident's journey through the session machine and its child flows, with the ports faked and time
// simulated: every transition and every timeout of issue 6.
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import type { AnyActorRef } from 'xstate';
import { bundledCatalog } from '../domain/catalogData';
import { addDays, chinaInstant, chinaToday, fixedClock, systemClock } from '../domain/clock';
import type { Clock } from '../domain/clock';
import { withPorts } from './sessionMachine';
import { childOf, createFakePorts, sampleCard, settle } from './testing';

const catalog = bundledCatalog().items;
const medical = 'WHMA-YB-01'; // 异地就医备案: the retiree's errand
const guideOnly = catalog.find((i) => i.kiosk === 'guide')!.id;

// The machine's "now" is the system clock unless a test needs a given hour: dates in the tests are built from
// it (today + N days), so they hold on any day (and the date-shifted CI run moves that day far ahead).
function start(now: Clock = systemClock) {
  const clock = new SimulatedClock();
  const ports = createFakePorts();
  const machine = withPorts(ports.actors as never);
  const actor = createActor(machine, { input: { catalog, idleTimeoutSeconds: 60, idleCountdownSeconds: 10, clock: now }, clock }).start();
  const advance = (ms: number) => {
    for (let left = ms; left > 0; left -= 500) clock.increment(Math.min(500, left));
  };
  const has = (tag: string) => actor.getSnapshot().hasTag(tag);
  const apply = () => childOf(actor, 'apply') as AnyActorRef;
  const applyHas = (tag: string) => apply().getSnapshot().hasTag(tag);
  return { actor, ports, advance, has, apply, applyHas, today: () => chinaToday(now) };
}

async function toForm(s: ReturnType<typeof start>) {
  s.actor.send({ type: 'user.touch' });
  s.actor.send({ type: 'home.choose', choice: 'byCity' });
  s.actor.send({ type: 'browse.city', city: '420200' });
  s.actor.send({ type: 'browse.item', id: medical });
  s.actor.send({ type: 'guide.apply' });
  expect(s.applyHas('consent')).toBe(true);
  // A card placed before the resident agreed is not read: the reader is not listened to yet.
  s.ports.insertCard();
  expect(s.ports.readers.size).toBe(0);
  expect(s.applyHas('consent')).toBe(true);
  s.apply().send({ type: 'consent.agree' });
  expect(s.applyHas('identify')).toBe(true);
  s.ports.insertCard();
  expect(s.applyHas('form')).toBe(true);
}

const fillMedicalForm = (apply: AnyActorRef, today: string) => {
  const startDate = addDays(today, 7);
  for (const [field, value] of Object.entries({ filingType: 'longTermResident', treatmentCity: '421100', startDate, phone: '13912345678' })) {
    apply.send({ type: 'form.change', field, value });
  }
};

describe('resident journey', () => {
  it('browses by city to the guide and back, step by step', () => {
    const s = start();
    s.actor.send({ type: 'user.touch' });
    s.actor.send({ type: 'home.choose', choice: 'byDepartment' });
    expect(s.has('browse')).toBe(true);
    expect(s.actor.getSnapshot().context.browseBy).toBe('department');
    s.actor.send({ type: 'browse.city', city: '420200' });
    s.actor.send({ type: 'browse.group', key: 'medicalSecurity' });
    s.actor.send({ type: 'browse.item', id: 'NO-SUCH-ITEM' });
    expect(s.has('browse')).toBe(true);
    s.actor.send({ type: 'browse.item', id: medical });
    expect(s.has('guide')).toBe(true);
    s.actor.send({ type: 'user.back' });
    expect(s.actor.getSnapshot().context).toMatchObject({ city: '420200', groupKey: 'medicalSecurity' });
    s.actor.send({ type: 'user.back' });
    expect(s.actor.getSnapshot().context.groupKey).toBeNull();
    s.actor.send({ type: 'user.back' });
    expect(s.actor.getSnapshot().context.city).toBeNull();
    s.actor.send({ type: 'user.back' });
    expect(s.has('home')).toBe(true);
  });

  it('applies: consent → card → form (prefilled, locked) → review → outbox → receipt → rating → attract', async () => {
    const s = start();
    await toForm(s);
    const apply = s.apply();
    expect(apply.getSnapshot().context.values).toMatchObject({ applicantName: sampleCard.name, applicantIdNumber: sampleCard.idNumber });
    apply.send({ type: 'form.change', field: 'applicantName', value: '别人' });
    expect(apply.getSnapshot().context.values.applicantName).toBe(sampleCard.name);

    apply.send({ type: 'form.submit' });
    expect(s.applyHas('form')).toBe(true);
    expect(Object.keys(apply.getSnapshot().context.errors).sort()).toEqual(['filingType', 'phone', 'startDate', 'treatmentCity']);
    fillMedicalForm(apply, s.today());
    expect(apply.getSnapshot().context.errors).toEqual({});
    apply.send({ type: 'form.submit' });
    expect(s.applyHas('review')).toBe(true);

    apply.send({ type: 'review.confirm' });
    await settle();
    expect(s.ports.submitted).toHaveLength(1);
    expect(s.ports.submitted[0]).toMatchObject({ city: '420200', values: { treatmentCity: '421100', phone: '13912345678' } });
    expect(s.ports.printed).toHaveLength(1); // printed only after the outbox answered
    expect(s.applyHas('receipt')).toBe(true);
    expect(apply.getSnapshot().context.printState).toBe('printed');

    apply.send({ type: 'user.next' });
    await settle();
    expect(s.has('rating')).toBe(true);
    const rating = childOf(s.actor, 'rating')!;
    const thanks = () => rating.getSnapshot().hasTag('rating.thanks');
    rating.send({ type: 'rating.submit' });
    expect(thanks()).toBe(false); // a level first
    rating.send({ type: 'rating.level', level: 'dissatisfied' });
    rating.send({ type: 'rating.reason', reason: 'slow' });
    rating.send({ type: 'rating.reason', reason: 'other' });
    rating.send({ type: 'rating.comment', text: '字太小' });
    rating.send({ type: 'rating.reason', reason: 'other' }); // 其他 unticked: its comment goes with it
    rating.send({ type: 'rating.submit' });
    await settle();
    expect(s.ports.ratings).toEqual([{ level: 'dissatisfied', reasons: ['slow'], serviceId: medical, applicationId: '01890000-0000-7000-8000-000000000001', receiptNo: '420200-001-00001X' }]);
    expect(thanks()).toBe(true);
    s.advance(5000);
    expect(s.has('attract')).toBe(true);
  });

  it('keeps the application when the printer is out of paper: the receipt is on screen, a reprint is marked', async () => {
    const s = start();
    await toForm(s);
    fillMedicalForm(s.apply(), s.today());
    s.apply().send({ type: 'form.submit' });
    s.ports.printOutcome = 'paperOut';
    s.apply().send({ type: 'review.confirm' });
    await settle();
    expect(s.ports.submitted).toHaveLength(1);
    expect(s.apply().getSnapshot().context).toMatchObject({ printState: 'paperOut', submission: { receiptNo: '420200-001-00001X' } });
    s.ports.printOutcome = 'printed';
    s.apply().send({ type: 'user.reprint' });
    await settle();
    expect(s.ports.printed.map((p) => p.reprint)).toEqual([false, true]);
    expect(s.ports.submitted).toHaveLength(1); // printing again never submits again
  });

  it('a failed outbox write says so and retries; nothing is printed for it', async () => {
    const s = start();
    await toForm(s);
    fillMedicalForm(s.apply(), s.today());
    s.apply().send({ type: 'form.submit' });
    s.ports.failSubmit = true;
    s.apply().send({ type: 'review.confirm' });
    await settle();
    expect(s.applyHas('submitFailed')).toBe(true);
    expect(s.ports.printed).toHaveLength(0);
    s.apply().send({ type: 'user.retry' });
    await settle();
    expect(s.ports.submitted).toHaveLength(1);
    expect(s.applyHas('receipt')).toBe(true);
  });

  it('refuses an expired card and an invalid number, keeps nothing of them, and retries', () => {
    const s = start();
    s.actor.send({ type: 'user.touch' });
    s.actor.send({ type: 'home.choose', choice: 'byCity' });
    s.actor.send({ type: 'browse.city', city: '420200' });
    s.actor.send({ type: 'browse.item', id: medical });
    s.actor.send({ type: 'guide.apply' });
    s.apply().send({ type: 'consent.agree' });
    s.ports.insertCard({ ...sampleCard, validTo: addDays(s.today(), -1) });
    expect(s.apply().getSnapshot().context).toMatchObject({ cardProblem: 'expired', card: null });
    s.apply().send({ type: 'user.retry' });
    s.ports.insertCard({ ...sampleCard, idNumberValid: false });
    expect(s.apply().getSnapshot().context).toMatchObject({ cardProblem: 'invalidNumber', card: null });
    s.apply().send({ type: 'user.retry' });
    for (const send of s.ports.readers) send({ type: 'card.error', reason: 'unreadable' });
    expect(s.apply().getSnapshot().context.cardProblem).toBe('unreadable');
    s.apply().send({ type: 'user.retry' });
    s.ports.insertCard();
    expect(s.applyHas('form')).toBe(true);
  });

  it('takes a card on the last day of its validity until midnight China time, whatever the machine zone', () => {
    // A card is valid through its validTo day in China (Asia/Shanghai, UTC+8); the day is built from the clock.
    const lastDay = addDays(chinaToday(systemClock), 30);
    const readCardAt = (instant: Date) => {
      const s = start(fixedClock(instant));
      s.actor.send({ type: 'user.touch' });
      s.actor.send({ type: 'home.choose', choice: 'byCity' });
      s.actor.send({ type: 'browse.city', city: '420200' });
      s.actor.send({ type: 'browse.item', id: medical });
      s.actor.send({ type: 'guide.apply' });
      s.apply().send({ type: 'consent.agree' });
      s.ports.insertCard({ ...sampleCard, validTo: lastDay });
      return s.apply().getSnapshot().context.cardProblem;
    };
    expect(readCardAt(chinaInstant(lastDay, '00:01'))).toBeNull();
    expect(readCardAt(chinaInstant(lastDay, '23:59'))).toBeNull();
    expect(readCardAt(chinaInstant(addDays(lastDay, 1), '00:01'))).toBe('expired');
  });

  it('without a card the resident stays with the guide (guide only)', async () => {
    const s = start();
    s.actor.send({ type: 'user.touch' });
    s.actor.send({ type: 'home.choose', choice: 'search' });
    s.actor.send({ type: 'search.query', query: 'yidjy' });
    s.actor.send({ type: 'browse.item', id: medical });
    s.actor.send({ type: 'guide.apply' });
    expect(s.has('pickCity')).toBe(true); // found by search: which city handles it?
    s.actor.send({ type: 'browse.city', city: '420200' });
    s.apply().send({ type: 'user.noCard' });
    await settle();
    expect(s.has('guide')).toBe(true);
    s.actor.send({ type: 'user.back' });
    expect(s.has('search')).toBe(true);
    expect(s.actor.getSnapshot().context.query).toBe('yidjy');
  });

  it('prints a guide (一次告知) and offers a rating after it', async () => {
    const s = start();
    s.actor.send({ type: 'user.touch' });
    s.actor.send({ type: 'home.choose', choice: 'byCity' });
    s.actor.send({ type: 'browse.city', city: '421100' });
    s.actor.send({ type: 'browse.item', id: guideOnly });
    s.actor.send({ type: 'guide.print' });
    expect(s.actor.getSnapshot().context.guidePrint).toBe('printing');
    await settle();
    expect(s.actor.getSnapshot().context.guidePrint).toBe('printed');
    expect(s.ports.guides[0]).toMatchObject({ item: { id: guideOnly }, city: '421100' });
    s.actor.send({ type: 'guide.done' });
    expect(s.has('rating')).toBe(true);
  });

  it('lists my applications after a card and drops the card at once', async () => {
    const s = start();
    s.ports.myApplications = [{ applicationId: '01890000-0000-7000-8000-000000000001', serviceId: 'WHMA-YB-01', receiptNo: 'R1', serviceName: '异地就医备案', submittedAt: '2026-11-22T02:00:00Z', status: 'queued', caseNo: null, fromHub: false, case: null, resultRated: false }];
    s.actor.send({ type: 'user.touch' });
    s.actor.send({ type: 'home.choose', choice: 'myApplications' });
    const my = childOf(s.actor, 'myApps')!;
    expect(my.getSnapshot().hasTag('myApps.identify')).toBe(true);
    s.ports.insertCard();
    await settle();
    expect(my.getSnapshot().hasTag('myApps.list')).toBe(true);
    expect(my.getSnapshot().context).toMatchObject({ card: null, applications: [{ receiptNo: 'R1' }] });
    s.actor.send({ type: 'user.back' });
    expect(s.has('home')).toBe(true);
  });

  it('an idle timeout mid-application wipes the card, the form and the child flow', async () => {
    const s = start();
    await toForm(s);
    s.apply().send({ type: 'form.change', field: 'phone', value: '13912345678' });
    s.actor.send({ type: 'user.elder', on: true });
    s.advance(70_000);
    expect(s.has('attract')).toBe(false); // elder mode: twice the idle time and countdown
    s.advance(70_000);
    expect(s.has('attract')).toBe(true);
    const snapshot = s.actor.getSnapshot();
    expect(snapshot.children).toEqual({});
    expect(snapshot.context).toMatchObject({ elder: false, itemId: null, city: null, query: '', rated: { applicationId: null, receiptNo: null } });
    const persisted = JSON.stringify(s.actor.getPersistedSnapshot());
    for (const secret of [sampleCard.name, sampleCard.idNumber, '13912345678', sampleCard.address]) expect(persisted).not.toContain(secret);
    expect(s.ports.readers.size).toBe(0); // the card reader subscription ended with the flow
  });
});
