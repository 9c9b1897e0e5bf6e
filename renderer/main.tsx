// React's half of the start (ADR 0019), loaded behind the prerendered first screen (first.ts). It draws the
// same first screen from where that one left off, then loads the rest of the kiosk, which takes over the screen
// when ready (app/startKiosk.tsx). If the kiosk cannot start (no host, a broken store), it says so in all
// three languages and reloads itself after a pause.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { FirstScreen } from './app/firstScreen';
import { OutOfService } from './screens/OutOfService';
import { reloadAfterPause } from './app/reloadAfterPause';

export function startRenderer(container: HTMLElement, stopPrerendered: () => void): void {
  const root = createRoot(container);
  stopPrerendered();
  flushSync(() => root.render(<FirstScreen />));
  import('./app/startKiosk')
    .then(({ startKiosk }) => startKiosk(root))
    .catch((error: unknown) => {
      console.error('kiosk start failed', error instanceof Error ? error.message : error);
      root.render(<OutOfService />);
      reloadAfterPause();
    });
}
