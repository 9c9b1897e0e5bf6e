// Renderer entry. If the kiosk cannot start (no host, a broken store), it says so in all three languages and
// reloads itself after a pause: a fresh page is the one sure way not to leak half-started services.
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { bootKiosk } from './app/boot';
import { installLockdown } from './app/lockdown';
import { OutOfService } from './screens/OutOfService';
import './styles.css';
import './elder.css';

/** Pause before a failed start is tried again (default 5 s). */
const retryMs = 5000;
const root = createRoot(document.getElementById('root')!);
installLockdown(); // before anything renders: no menu, selection, drag or zoom on any screen

bootKiosk().then(
  (props) => root.render(<App {...props} />),
  (error: unknown) => {
    console.error('kiosk start failed', error instanceof Error ? error.message : error);
    root.render(<OutOfService />);
    setTimeout(() => location.reload(), retryMs);
  },
);
