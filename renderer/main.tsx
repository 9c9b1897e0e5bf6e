// Renderer entry. The attract screen is drawn first, from this small chunk; the rest of the kiosk loads behind
// it and takes over the screen when ready (app/startKiosk.tsx, ADR 0019). If the kiosk cannot start (no host,
// a broken store), it says so in all three languages and reloads itself after a pause: a fresh page is the one
// sure way not to leak half-started services.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { FirstScreen } from './app/firstScreen';
import { installLockdown } from './app/lockdown';
import { OutOfService } from './screens/OutOfService';
import './styles.css';
import './elder.css';

/** Pause before a failed start is tried again (default 5 s). */
const retryMs = 5000;
const root = createRoot(document.getElementById('root')!);
installLockdown(); // before anything renders: no menu, selection, drag or zoom on any screen
flushSync(() => root.render(<FirstScreen />));

import('./app/startKiosk')
  .then(({ startKiosk }) => startKiosk(root))
  .catch((error: unknown) => {
    console.error('kiosk start failed', error instanceof Error ? error.message : error);
    root.render(<OutOfService />);
    setTimeout(() => location.reload(), retryMs);
  });
