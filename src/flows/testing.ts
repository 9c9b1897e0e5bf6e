// Test doubles for the flow ports: a card reader the test drives, and recorders for what the flows submit,
// print and store. Used by the machine tests; no I/O.
import { fromCallback, fromPromise } from 'xstate';
import type { AnyActorRef } from 'xstate';
import type { IdentityCard } from '../domain/card';
import type { MyApplication, PrintGuideInput, PrintOutcome, PrintReceiptInput, PrintStatusSlipInput, RatingInput, SubmitInput, SubmitResult } from './ports';

export const sampleCard: IdentityCard = {
  cardType: 'resident',
  name: '王秀英',
  sex: 'female',
  nation: '01',
  nationName: '汉',
  birthDate: '1954-06-12',
  address: '湖北省黄石市下陆区团城山街道杭州西路8号',
  idNumber: '420204195406120027',
  issuer: '黄石市公安局下陆分局',
  validFrom: '2016-03-01',
  validTo: null,
  idNumberValid: true,
  photoBytes: 1024,
};

export interface FakePorts {
  /** The machines' card readers currently listening (one per invoked identify state). */
  readers: Set<(event: unknown) => void>;
  insertCard(card?: IdentityCard): void;
  submitted: SubmitInput[];
  printed: PrintReceiptInput[];
  guides: PrintGuideInput[];
  ratings: RatingInput[];
  /** Status slips asked for from "我的办件". */
  slips: PrintStatusSlipInput[];
  /** What the next receipt print answers (default 'printed'). */
  printOutcome: PrintOutcome;
  /** Make the next submission fail (the outbox write did not commit). */
  failSubmit: boolean;
  myApplications: MyApplication[];
  actors: Record<string, unknown>;
}

export function createFakePorts(): FakePorts {
  const ports: FakePorts = {
    readers: new Set(),
    insertCard(card = sampleCard) {
      for (const send of ports.readers) {
        send({ type: 'card.inserted' });
        send({ type: 'card.read', card });
      }
    },
    submitted: [],
    printed: [],
    guides: [],
    ratings: [],
    slips: [],
    printOutcome: 'printed',
    failSubmit: false,
    myApplications: [],
    actors: {},
  };
  let seq = 0;
  ports.actors = {
    cardReader: fromCallback(({ sendBack }) => {
      const send = sendBack as (event: unknown) => void;
      ports.readers.add(send);
      return () => ports.readers.delete(send);
    }),
    submitApplication: fromPromise<SubmitResult, SubmitInput>(async ({ input }) => {
      if (ports.failSubmit) {
        ports.failSubmit = false;
        throw new Error('outbox write failed');
      }
      ports.submitted.push(input);
      seq += 1;
      return { applicationId: `01890000-0000-7000-8000-00000000000${seq}`, receiptNo: `420200-001-0000${seq}X`, createdAt: '2026-11-22T02:00:00Z', queuedOffline: true, qrPayload: `ZWXW:420200-001-0000${seq}X` };
    }),
    printReceipt: fromPromise<PrintOutcome, PrintReceiptInput>(async ({ input }) => {
      ports.printed.push(input);
      return ports.printOutcome;
    }),
    printGuide: fromPromise<PrintOutcome, PrintGuideInput>(async ({ input }) => {
      ports.guides.push(input);
      return 'printed';
    }),
    saveRating: fromPromise<void, RatingInput>(async ({ input }) => {
      ports.ratings.push(input);
    }),
    printStatusSlip: fromPromise<PrintOutcome, PrintStatusSlipInput>(async ({ input }) => {
      ports.slips.push(input);
      return ports.printOutcome;
    }),
    listMyApplications: fromPromise<MyApplication[], { card: IdentityCard; locale: 'zh-CN' | 'zh-TW' | 'en' }>(async () => ports.myApplications),
  };
  return ports;
}

/** Lets pending promise actors settle. */
export const settle = () => new Promise<void>((resolve) => setTimeout(() => resolve(), 0));

export const childOf = (actor: AnyActorRef, id: string): AnyActorRef | undefined => actor.getSnapshot().children[id] as AnyActorRef | undefined;
