// The page's half of the kiosk lockdown (issue 15 §1), the same in Electron and in the Chromium host: no
// right-click or long-press menu, no text selection outside fields (a resident's drag would paint the screen
// blue, and a selection offers "search the web"), no drag and drop (an image dragged out, a file dropped in),
// no zoom by Ctrl+wheel, Ctrl +/-/0 or pinch (nobody could reset it), no Ctrl+P/S/O dialogs. The browser's
// half is Chromium's managed policy (docs/build/chromium-policy.json: DevTools, printing, file pickers) and
// the Electron window (main/electron/windowGuard.ts). Listeners sit on window in the capture phase, so no
// screen's own handler runs first.

/** Whether an element takes text: inputs, text areas and editable content keep selection and their menu-free editing. */
export const isTextField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target.isContentEditable);

const blockedCtrlKeys = new Set(['+', '-', '=', '_', '0', 'p', 's', 'o']);

export function installLockdown(win: Window = window): () => void {
  const prevent = (event: Event) => event.preventDefault();
  const listeners: [string, EventListener, AddEventListenerOptions][] = [
    ['contextmenu', prevent, { capture: true }],
    ['selectstart', (event) => !isTextField(event.target) && event.preventDefault(), { capture: true }],
    ['dragstart', prevent, { capture: true }],
    ['dragover', prevent, { capture: true }],
    ['drop', prevent, { capture: true }],
    // Not passive: a passive wheel listener cannot cancel Ctrl+wheel zoom.
    ['wheel', (event) => (event as WheelEvent).ctrlKey && event.preventDefault(), { capture: true, passive: false }],
    [
      'keydown',
      (event) => {
        const key = event as KeyboardEvent;
        if ((key.ctrlKey || key.metaKey) && blockedCtrlKeys.has(key.key.toLowerCase())) key.preventDefault();
      },
      { capture: true },
    ],
  ];
  for (const [type, listener, options] of listeners) win.addEventListener(type, listener, options);
  // Pinch: panning stays, zooming gestures are not the page's to take (Chromium also runs with --disable-pinch).
  const style = win.document.documentElement.style;
  style.touchAction = 'pan-x pan-y';
  style.setProperty('-webkit-touch-callout', 'none');
  return () => {
    for (const [type, listener, options] of listeners) win.removeEventListener(type, listener, options);
  };
}
