// What the help panel and the step indicator need, provided once near the root instead of threaded through
// every screen. A layer below the components (issue 16 §6): components read these, nothing here imports up.
import { createContext, useContext } from 'react';

export interface VisitHelp {
  /** The 12345-style hotline (default 12345). */
  hotline: string;
  /** When staff are at this cabin, in words (site settings); empty when not known. */
  staffedHours: string;
}

export const VisitHelpContext = createContext<VisitHelp>({ hotline: '12345', staffedHours: '' });
export const useVisitHelp = () => useContext(VisitHelpContext);

/** Where the resident is in an application (第N步/共M步); null outside one. */
export interface ApplicationStep {
  step: number;
  total: number;
}
export const ApplicationStepContext = createContext<ApplicationStep | null>(null);
export const useApplicationStep = () => useContext(ApplicationStepContext);
