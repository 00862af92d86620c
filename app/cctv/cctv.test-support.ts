// What every CctvService test does at the end: stop the service and the test cameras, and check no ffmpeg was left.
import fs from 'node:fs';
import { expect } from 'vitest';
import type { Db } from '../core/database.js';
import { ffmpegPidsMentioning } from '../../e2e/support/processes.js';
import type { RtspCamera } from '../../e2e/support/rtsp-camera.js';
import type { CctvService } from './cctv-service.js';

export async function tearDownCctv(parts: { service?: CctvService; cameras: RtspCamera[]; db?: Db; dir: string }): Promise<void> {
  await parts.service?.stop();
  for (const camera of parts.cameras) await camera.stop();
  parts.db?.close();
  // every recorder and motion watcher ran ffmpeg on files or URLs under dir: none may outlive the service
  expect(ffmpegPidsMentioning(parts.dir)).toEqual([]);
  fs.rmSync(parts.dir, { recursive: true, force: true });
}
