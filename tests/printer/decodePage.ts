// Bytes → the page a printer would print (decoder + page model), for the round-trip, QR and property tests.
import { EscPosDecoder } from '../../devices/printer/decoder';
import type { EscPosEvent } from '../../devices/printer/decoder';
import type { PrinterProfile } from '../../devices/printer/profiles';
import { PageBuilder } from '../../devices/sim/printerPage';
import type { Page } from '../../devices/sim/printerPage';

export interface DecodedJob {
  pages: Page[];
  events: EscPosEvent[];
}

export function decodeJob(bytes: Uint8Array, profile: PrinterProfile): DecodedJob {
  // Power-on Chinese mode off: the job must switch it on itself (FS &), as on an Epson CN model.
  const events = new EscPosDecoder(false).push(bytes);
  const builder = new PageBuilder(profile.columns);
  const pages: Page[] = [];
  for (const event of events) {
    const page = builder.apply(event);
    if (page) pages.push(page);
  }
  if (builder.hasContent) pages.push(builder.finish(null));
  return { pages, events };
}
