import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['app/**/*.test.ts', 'native/**/*.test.ts', 'main/**/*.test.ts', 'renderer/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // e2e and integration tests spawn ffmpeg and Chromium: keep parallelism modest on a 2-core machine
    maxWorkers: 2,
    // no test reaches the internet: engines started by tests (in-process or as `racoon serve`) skip DHT and LSD;
    // nor do they announce a DLNA server on the LAN unless a test names the interface
    env: { RACOON_DHT: 'off', RACOON_LSD: 'off', RACOON_DLNA: 'off' },
    reporters: ['default', './scripts/count-reporter.ts'],
  },
});
