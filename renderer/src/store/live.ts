// The SSE connection to GET /api/v1/events, dispatching the typed EngineEvent union into the stores.
// EventSource reconnects by itself after a dropped connection; when the server refuses it outright
// (engine restarting, session gone) we retry with a backoff and let a 401 sign the UI out.
import type { EngineEvent } from '../../../app/api/api-types';
import { api, eventsUrl, isApiError } from '../api/client';
import { parseEngineEvent } from './engine-events';
import { useCameraActivity } from '../camera-activity-store';
import { useDownloads } from './downloads';
import { useEngine } from './engine';
import { useLibrary } from './library';
import { useTranscodes } from './transcode';
import { useWatch } from './watch';
import { useToasts } from './toasts';

let source: EventSource | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retryDelay = 2000;
let running = false;

export function dispatchEngineEvent(ev: EngineEvent): void {
  useEngine.getState().apply(ev);
  switch (ev.type) {
    case 'library.changed':
      useLibrary.getState().refresh(ev.reason);
      if (ev.reason !== 'probe') useWatch.getState().refresh(); // probes change no watch state
      break;
    case 'downloads.changed':
      useDownloads.getState().applyList(ev.downloads);
      break;
    case 'transcode.changed':
      useTranscodes.getState().apply(ev.job);
      break;
    case 'transcode.removed':
      useTranscodes.getState().removed(ev.id);
      break;
    case 'camera.event':
      useCameraActivity.getState().apply(ev.phase, ev.event);
      break;
    case 'download.completed':
      useDownloads.getState().touched(ev.id);
      useToasts.getState().push({ kind: 'success', title: 'Download finished', text: ev.name, link: `/downloads/${ev.id}` });
      break;
    case 'download.failed':
      useDownloads.getState().touched(ev.id);
      useToasts
        .getState()
        .push({ kind: 'error', title: 'Download failed', text: `${ev.name}: ${ev.reason}`, link: `/downloads/${ev.id}` });
      break;
  }
}

function open(): void {
  if (!running || source || typeof EventSource === 'undefined') return;
  const es = new EventSource(eventsUrl());
  source = es;
  es.onopen = () => {
    retryDelay = 2000;
    useEngine.getState().setLive(true);
    // catch up on whatever happened while we were not listening
    void useEngine.getState().load();
    useLibrary.getState().refresh();
    useDownloads.getState().resync();
    useTranscodes.getState().resync();
  };
  es.onmessage = (msg: MessageEvent<string>) => {
    const ev = parseEngineEvent(msg.data);
    if (ev) dispatchEngineEvent(ev);
  };
  es.onerror = () => {
    useEngine.getState().setLive(false);
    if (es.readyState !== EventSource.CLOSED) return; // the browser is already reconnecting
    es.close();
    if (source === es) source = null;
    scheduleRetry();
  };
}

function scheduleRetry(): void {
  if (!running || retryTimer) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    // a 401 here signs the UI out (client.onUnauthorized), which calls stopLive()
    api.me().then(open, (e: unknown) => {
      if (!isApiError(e, 401)) scheduleRetry();
    });
  }, retryDelay);
  retryDelay = Math.min(retryDelay * 2, 30_000);
}

export function startLive(): void {
  if (running) return;
  running = true;
  void useEngine.getState().load();
  open();
}

export function stopLive(): void {
  running = false;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  source?.close();
  source = null;
  useEngine.getState().setLive(false);
}
