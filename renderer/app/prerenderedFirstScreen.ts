// The first screen as the page brings it (issue 14 §1, ADR 0019): the build renders the attract screen in
// each language into index.html (`<template id="first-screens">`, renderer/prerender/firstScreens.tsx), and
// this puts up the kiosk's language before React has even loaded. It takes touches like the React one,
// keeping them in firstScreenState, and stops when React draws the same screen in its place.
import { isLocale } from '../../src/i18n/locales';
import type { Locale } from '../../src/i18n/locales';
import { firstScreen, keepEarly } from './firstScreenState';

/**
 * Draws the prerendered first screen into `root` and keeps what is done on it. Answers the function that
 * stops it (call it before React renders into `root`); a page without the template (the dev server) draws
 * nothing here and React's first screen comes up alone.
 */
export function showPrerenderedFirstScreen(root: HTMLElement): () => void {
  const template = document.getElementById('first-screens');
  if (!(template instanceof HTMLTemplateElement)) return () => undefined;

  const show = (locale: Locale) => {
    const screen = template.content.querySelector(`[data-first-screen="${locale}"]`)?.firstElementChild?.cloneNode(true);
    if (!(screen instanceof HTMLElement)) return;
    // Prerendered as touched: its "starting" line shows only once a touch is waiting.
    screen.querySelector('[role="status"]')?.toggleAttribute('hidden', !firstScreen.touched);
    root.replaceChildren(screen);
    document.documentElement.lang = locale;
  };
  // The same choices as AttractScreen's handlers: a language first, 长辈模式, or a touch anywhere else.
  const onClick = (event: MouseEvent) => {
    const target = event.target instanceof Element ? event.target : null;
    const language = target?.closest('.languages [data-locale]')?.getAttribute('data-locale');
    if (isLocale(language)) keepEarly({ type: 'user.locale', locale: language });
    else if (target?.closest('.languages')) return;
    else if (target?.closest('.elder-start')) keepEarly({ type: 'user.elder', on: true }, { type: 'user.touch' });
    else keepEarly({ type: 'user.touch' });
    show(firstScreen.locale);
  };
  show(firstScreen.locale);
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}
