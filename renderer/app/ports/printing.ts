// The print ports: the receipt, the 一次告知 guide and the status slip, built by src/domain/printDocuments.ts
// and sent to the printer over the bridge. A printer that is not ready or not there is an outcome for the
// screen, never an error: the application is already safe in the outbox when the receipt prints.
import { fromPromise } from 'xstate';
import type { BridgeClient } from '../../../src/bridge/client';
import type { Catalog } from '../../../src/domain/catalog';
import { isoNow, type Clock } from '../../../src/domain/clock';
import { applicationReceiptFor, serviceGuideFor, statusSlipFor } from '../../../src/domain/printDocuments';
import type { ReceiptDocument } from '../../../src/domain/receipt';
import type { PrintGuideInput, PrintOutcome, PrintReceiptInput, PrintStatusSlipInput } from '../../../src/flows/ports';

async function print(bridge: BridgeClient, document: ReceiptDocument, jobId: string, reprint = false): Promise<PrintOutcome> {
  const result = await bridge.call('printer.print', { document, reprint, jobId });
  if (result.ok) return result.value.outcome === 'printed' ? 'printed' : result.value.state === 'paperOut' ? 'paperOut' : 'failed';
  if (result.error.code === 'device') return result.error.detail === 'paperOut' ? 'paperOut' : 'failed';
  return 'unavailable';
}

/** The hub's public address for the QR codes, when the kiosk is enrolled and knows it. */
async function publicUrl(bridge: BridgeClient): Promise<string | null> {
  const identity = await bridge.call('kiosk.identity', {});
  return (identity.ok && identity.value.publicUrl) || null;
}

/** Job ids name the application or item, never a person: the printer's log ties jobs to nothing personal. */
const jobIdOf = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '');

export function printPorts(bridge: BridgeClient, catalog: Catalog, clock: Clock) {
  return {
    printReceipt: fromPromise<PrintOutcome, PrintReceiptInput>(async ({ input }) => {
      const { submission, item, city, card, reprint } = input;
      const document = applicationReceiptFor({ receiptNo: submission.receiptNo, createdAt: submission.createdAt, item, city, card, publicUrl: await publicUrl(bridge) });
      return print(bridge, document, jobIdOf(submission.applicationId), reprint);
    }),

    printGuide: fromPromise<PrintOutcome, PrintGuideInput>(async ({ input }) => print(bridge, serviceGuideFor(input.item, input.city, isoNow(clock)), `guide-${input.item.id}`)),

    printStatusSlip: fromPromise<PrintOutcome, PrintStatusSlipInput>(async ({ input }) => {
      const { application: app } = input;
      if (!app.case) return 'failed';
      const item = catalog.items.find((i) => i.id === app.serviceId);
      const document = statusSlipFor({ ...app, item, case: app.case, publicUrl: await publicUrl(bridge), printedAt: isoNow(clock) });
      return print(bridge, document, jobIdOf(`slip-${app.receiptNo}`));
    }),
  };
}
