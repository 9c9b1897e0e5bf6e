// Renderer entry (ADR 0019). The attract screen comes with the page, prerendered at build time; this small
// chunk puts it up in the kiosk's language and keeps touches on it. React, then the rest of the kiosk, load
// behind it (main.tsx). If they cannot load (a damaged install), the page tries again after a pause.
import './styles.css';
import './elder.css';
import { installLockdown } from './app/lockdown';
import { showPrerenderedFirstScreen } from './app/prerenderedFirstScreen';
import { reloadAfterPause } from './app/reloadAfterPause';

installLockdown(); // before anything is drawn: no menu, selection, drag or zoom on any screen
const root = document.getElementById('root')!;
const stopPrerendered = showPrerenderedFirstScreen(root);

import('./main')
  .then(({ startRenderer }) => startRenderer(root, stopPrerendered))
  .catch((error: unknown) => {
    console.error('kiosk code failed to load', error instanceof Error ? error.message : error);
    reloadAfterPause();
  });
