// What the help panel and the step indicator need, provided once near the root instead of threaded through
// every screen. A layer below the components (issue 16 §6): components read these, nothing here imports up.
import { createContext, useContext } from 'react';

export interface VisitHelp {
  /** The 12345-style hotline (default 12345). */
  hotline: string;
  /** When staff are at this cabin, in words (site settings); empty when not known. */
  staffedHours: string;
  /** Asks for staff (a kiosk event for the hub); what became of it, in the words the panel then shows. */
  callStaff: () => Promise<CallStaffOutcome>;
}

/** sent: on its way to a reachable hub; queued: kept until the network is back; again: already called moments ago. */
export type CallStaffOutcome = 'sent' | 'queued' | 'again' | 'failed';

export const VisitHelpContext = createContext<VisitHelp>({ hotline: '12345', staffedHours: '', callStaff: () => Promise.resolve('failed') });
export const useVisitHelp = () => useContext(VisitHelpContext);

/** Where the resident is in an application (第N步/共M步); null outside one. */
export interface ApplicationStep {
  step: number;
  total: number;
}
export const ApplicationStepContext = createContext<ApplicationStep | null>(null);
export const useApplicationStep = () => useContext(ApplicationStepContext);
