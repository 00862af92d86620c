import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web UI the engine serves (and the Electron window loads). Tests live in vitest.config.ts.
const engine = process.env.RACOON_ENGINE_URL ?? 'http://127.0.0.1:8700';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      // JSON API, byte-range streams and the SSE event stream (/api/v1/events) all go to the engine.
      '/api': {
        target: engine,
        changeOrigin: false,
        configure(proxy) {
          // Keep SSE unbuffered: stop anything in between from compressing or holding the stream.
          proxy.on('proxyRes', (res) => {
            if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
              res.headers['cache-control'] = 'no-cache, no-transform';
              res.headers['x-accel-buffering'] = 'no';
            }
          });
        },
      },
    },
  },
  preview: {
    proxy: { '/api': { target: engine, changeOrigin: false } },
  },
});
