import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// `--mode e2e` builds into dist-e2e with the test hooks (`import.meta.env.MODE === 'e2e'`) that the
// production build (renderer/dist) never carries.
export default defineConfig(({ mode }) => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset paths: the same build is served from http://127.0.0.1:PORT/ and from app://kiosk/.
  base: './',
  plugins: [react()],
  build: {
    outDir: mode === 'e2e' ? 'dist-e2e' : 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // The kiosk loads from local disk; one chunk per route would only add requests.
    chunkSizeWarningLimit: 2000,
  },
}));
