// Build time only (renderer/vite.config.ts): the attract screen as the page's own markup, one per language, so
// the first screen needs no JavaScript to be seen and only a few kB to take a touch (ADR 0019). Rendered from
// the same component React draws later, so the two cannot drift apart.
import { renderToStaticMarkup } from 'react-dom/server';
import { locales } from '../../src/i18n/locales';
import { LocaleProvider } from '../context/i18n';
import { AttractScreen } from '../screens/AttractScreen';

const ignore = () => undefined;

/** `<template id="first-screens">` with a `[data-first-screen]` wrapper per language around its attract screen. */
export function firstScreensTemplate(): string {
  const screens = locales.map((locale) => {
    // As touched: the "starting" line is in the markup, and hidden until a touch (prerenderedFirstScreen.ts).
    const screen = renderToStaticMarkup(
      <LocaleProvider locale={locale}>
        <AttractScreen starting="touched" onTouch={ignore} onElder={ignore} onLocale={ignore} />
      </LocaleProvider>,
    );
    return `<div data-first-screen="${locale}">${screen}</div>`;
  });
  return `<template id="first-screens">${screens.join('')}</template>`;
}
