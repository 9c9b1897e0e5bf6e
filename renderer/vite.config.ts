import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset paths: the same build is served from http://127.0.0.1:PORT/ and from app://kiosk/.
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // The kiosk loads from local disk; one chunk per route would only add requests.
    chunkSizeWarningLimit: 2000,
  },
});
