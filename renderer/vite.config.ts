import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import type { firstScreensTemplate as FirstScreensTemplate } from './prerender/firstScreens';

/**
 * Puts the attract screen, rendered in each language by the same React component, into the built index.html
 * (ADR 0019), so the page's first paint is the first screen. Build only: the dev server draws it with React.
 */
function prerenderedFirstScreens(): Plugin {
  return {
    name: 'kiosk-prerendered-first-screens',
    apply: 'build',
    async transformIndexHtml(html) {
      // tsx loads the component tree (TSX, the message catalogues) in Node, as the tests do.
      const { tsImport } = await import('tsx/esm/api');
      const { firstScreensTemplate } = (await tsImport('./prerender/firstScreens.tsx', {
        parentURL: import.meta.url,
        tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
      })) as { firstScreensTemplate: typeof FirstScreensTemplate };
      const withScreens = html.replace('<div id="root"></div>', `<div id="root"></div>\n    ${firstScreensTemplate()}`);
      if (withScreens === html) throw new Error('index.html has no <div id="root"></div> to put the first screens after');
      return withScreens;
    },
  };
}

// `--mode e2e` builds into dist-e2e with the test hooks (`import.meta.env.MODE === 'e2e'`) that the
// production build (renderer/dist) never carries.
export default defineConfig(({ mode }) => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset paths: the same build is served from http://127.0.0.1:PORT/ and from app://kiosk/.
  base: './',
  plugins: [react(), prerenderedFirstScreens()],
  build: {
    outDir: mode === 'e2e' ? 'dist-e2e' : 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // The kiosk loads from local disk; one chunk per route would only add requests.
    chunkSizeWarningLimit: 2000,
  },
}));
