// What the resident flows need from the outside world, as XState actors the renderer provides with
// `.provide()` (the bridge, the outbox, the printer). Machines never see IPC; tests provide fakes.
import { fromCallback, fromPromise } from 'xstate';
import type { IdentityCard } from '../domain/card';
import type { ServiceItem } from '../domain/catalog';
import type { MetroCityCode } from '../domain/divisions';
import type { RatingLevel, RatingReason } from '../domain/rating';
import type { FormValues } from '../domain/validation';
import type { Locale } from '../i18n/locales';
import type { CaseStatus } from '../domain/caseStatus';

/** Events the card reader actor sends back to the machine that invoked it. */
export type CardReaderEvent =
  | { type: 'card.inserted' }
  | { type: 'card.read'; card: IdentityCard }
  | { type: 'card.error'; reason: 'unreadable' | 'protocol' | 'timeout' }
  | { type: 'card.removed' }
  | { type: 'reader.status'; ready: boolean };

export interface SubmitInput {
  item: ServiceItem;
  city: MetroCityCode;
  card: IdentityCard;
  /** Normalised form values (what checkForm returned). */
  values: FormValues;
  locale: Locale;
}

export interface SubmitResult {
  applicationId: string;
  receiptNo: string;
  createdAt: string;
  /** True when the hub could not be reached at submission: the application waits on this kiosk. */
  queuedOffline: boolean;
  /** The ASCII payload of the status-query QR code. */
  qrPayload: string;
}

export type PrintOutcome = 'printed' | 'paperOut' | 'unavailable' | 'failed';

export interface PrintReceiptInput {
  submission: SubmitResult;
  item: ServiceItem;
  city: MetroCityCode;
  card: IdentityCard;
  locale: Locale;
  reprint: boolean;
}

export interface PrintGuideInput {
  item: ServiceItem;
  city: MetroCityCode | null;
  locale: Locale;
}

export interface RatingInput {
  level: RatingLevel;
  reasons: RatingReason[];
  /** What the resident typed under 其他 (absent: nothing). */
  comment?: string;
  serviceId: string;
  applicationId: string | null;
  receiptNo: string | null;
  /** 评价次数: 1 after the service (default), 2 for the result of a completed case, from "我的办件". */
  assessNumber?: 1 | 2;
}

export interface MyApplication {
  /** The outbox id (what a rating of the result is linked to). */
  applicationId: string;
  serviceId: string;
  receiptNo: string;
  serviceName: string;
  submittedAt: string;
  status: 'queued' | 'sending' | 'accepted' | 'rejected' | 'quarantined';
  caseNo: string | null;
  fromHub: boolean;
  /** What the handling city last did with it, as this kiosk last learned it from the hub; null: nothing yet. */
  case: KnownCaseStatus | null;
  /** The applicant's name, masked (张*三), for the status slip; the card itself is dropped after the lookup. */
  applicantMasked?: string;
  /** True once this kiosk holds a rating of the result (评价次数 2) for it: it is offered once. */
  resultRated: boolean;
}

export interface PrintStatusSlipInput {
  application: MyApplication;
  locale: Locale;
}

export interface KnownCaseStatus {
  status: CaseStatus;
  /** The city's note ('' for none): what to bring for 需补正, why for 不予受理. */
  note: string;
  /** 承诺办结 date (YYYY-MM-DD) or null. */
  deadline: string | null;
  updatedAt: string;
  /** When the hub last answered this kiosk's change feed ("as of"). */
  checkedAt: string | null;
}

const notProvided = (name: string) => () => {
  throw new Error(`${name} was not provided to the machine`);
};

/** Default implementations: they fail loudly, so a missing `.provide()` shows at once. */
export const portActors = {
  cardReader: fromCallback<{ type: 'none' }>(notProvided('cardReader')),
  submitApplication: fromPromise<SubmitResult, SubmitInput>(async () => notProvided('submitApplication')()),
  printReceipt: fromPromise<PrintOutcome, PrintReceiptInput>(async () => notProvided('printReceipt')()),
  printGuide: fromPromise<PrintOutcome, PrintGuideInput>(async () => notProvided('printGuide')()),
  saveRating: fromPromise<void, RatingInput>(async () => notProvided('saveRating')()),
  printStatusSlip: fromPromise<PrintOutcome, PrintStatusSlipInput>(async () => notProvided('printStatusSlip')()),
  listMyApplications: fromPromise<MyApplication[], { card: IdentityCard; locale: Locale }>(async () => notProvided('listMyApplications')()),
};
