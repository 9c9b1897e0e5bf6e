// Renderer entry: connect the bridge, read the kiosk settings, render. If the host cannot be reached the
// kiosk says so in all three languages and keeps trying, rather than showing a blank screen.
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { connectBridge } from './bridge/connect';
import { OutOfService } from './screens/OutOfService';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

async function start(attempt = 0): Promise<void> {
  try {
    const bridge = await connectBridge();
    const info = await bridge.call('app.info', {});
    if (!info.ok) throw new Error(info.error.message);
    root.render(<App bridge={bridge} settings={info.value.settings} />);
  } catch {
    root.render(<OutOfService />);
    setTimeout(() => void start(attempt + 1), Math.min(10_000, 1000 * 2 ** attempt));
  }
}
void start();
