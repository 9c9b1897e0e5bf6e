// The controls every screen's top bar carries (elder mode, voice), without threading them through each screen.
import { createContext, useContext } from 'react';

export interface SessionControls {
  elder: boolean;
  voice: boolean;
  onElder: (on: boolean) => void;
  onVoice: (on: boolean) => void;
}

export const SessionControlsContext = createContext<SessionControls | null>(null);
export const useSessionControls = () => useContext(SessionControlsContext);
