// The kiosk behind the first screen (ADR 0019): loaded by the entry right after the attract screen is drawn.
// It boots the bridge, store, sync and catalogue (boot.ts), then hands the screen to the session, which
// replays what a resident touched meanwhile.
import type { Root } from 'react-dom/client';
import { App } from './App';
import { bootKiosk } from './boot';
import { rememberDefaultLocale, takeEarlyEvents } from './firstScreenState';

export async function startKiosk(root: Root): Promise<void> {
  const props = await bootKiosk();
  rememberDefaultLocale(props.settings.locale);
  root.render(<App {...props} earlyEvents={takeEarlyEvents} />);
}
