import type Mpegts from 'mpegts.js';
import { useEffect, useRef, useState } from 'react';
import { liveFlvUrl, type LiveStream } from '../../api/cameras';
import { liveRetryDelayMs } from '../../camera-format';

export type LiveState = 'idle' | 'connecting' | 'playing' | 'retrying' | 'unsupported';

interface Props {
  cameraId: number;
  /** streams to try in order (the camera page: main, then sub; tiles: sub when there is one) */
  streams: LiveStream[];
  /** false: no connection at all (scrolled out of view, camera offline) */
  active: boolean;
  /** a label for screen readers */
  label: string;
  /** report what the player is doing (the tile's overlay, the page's "showing the sub-stream" note) */
  onState?: (state: LiveState, detail: { stream: LiveStream; message: string | null }) => void;
  className?: string;
}

/** No new picture for this long while playing (or no first picture while connecting): reconnect. */
const STALL_MS = 12_000;
// a relay takes ~5 s to start; a reconnect then joins it mid-stream with the picture's decoder setup at once
const FIRST_PICTURE_MS = 14_000;

// one import for every tile, and mpegts.js's console chatter off: the tile says what is wrong in words
let loader: Promise<typeof Mpegts> | null = null;
function loadMpegts(): Promise<typeof Mpegts> {
  loader ??= import('mpegts.js').then(({ default: mpegts }) => {
    mpegts.LoggingControl.applyConfig({
      enableAll: false,
      enableDebug: false,
      enableVerbose: false,
      enableInfo: false,
      enableWarn: false,
      enableError: false,
    });
    return mpegts;
  });
  return loader;
}

/**
 * A camera's live picture: the engine's HTTP-FLV restream through mpegts.js, muted and low-latency. When the stream
 * ends, errors or stalls it reconnects with a growing back-off (trying the next stream in `streams` after a failure);
 * inactive, it holds no connection at all.
 */
export function LivePlayer({ cameraId, streams, active, label, onState, className }: Props) {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [state, setState] = useState<LiveState>('idle');
  const onStateRef = useRef(onState);
  onStateRef.current = onState;
  const streamKey = streams.join(',');

  useEffect(() => {
    const video = videoRef.current;
    const order = streamKey.split(',') as LiveStream[];
    if (!video || !active) {
      setState('idle');
      return;
    }
    let player: Mpegts.Player | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let watchdog: ReturnType<typeof setInterval> | null = null;
    let attempt = 0;
    let streamIndex = 0;
    let stopped = false;
    let current: LiveState = 'idle';

    const report = (next: LiveState, message: string | null = null) => {
      current = next;
      setState(next);
      onStateRef.current?.(next, { stream: order[streamIndex], message });
    };

    // the picture moving is what "playing" means (said at once, not at the watchdog's next tick)
    const onTime = () => {
      if (current === 'connecting' && video.currentTime > 0 && video.videoWidth > 0) {
        attempt = 0;
        report('playing');
      }
    };
    video.addEventListener('timeupdate', onTime);

    const teardown = () => {
      if (watchdog) clearInterval(watchdog);
      watchdog = null;
      if (player) {
        try {
          player.pause();
          player.unload();
          player.detachMediaElement();
          player.destroy();
        } catch {
          // a player that never got going may throw on teardown: nothing to keep
        }
      }
      player = null;
    };

    const retry = (why: string) => {
      if (stopped) return;
      teardown();
      // after a failure on this stream, the next one in the list gets a turn (main → sub)
      if (order.length > 1) streamIndex = (streamIndex + 1) % order.length;
      const delay = liveRetryDelayMs(attempt++);
      report('retrying', `${why} Reconnecting in ${Math.ceil(delay / 1000)} s…`);
      timer = setTimeout(connect, delay);
    };

    const connect = () => {
      timer = null;
      if (stopped) return;
      report('connecting');
      void loadMpegts().then((mpegts) => {
        if (stopped) return;
        if (!mpegts.isSupported()) {
          report('unsupported', 'This browser cannot play live video (no Media Source Extensions).');
          return;
        }
        const p = mpegts.createPlayer(
          {
            type: 'flv',
            isLive: true,
            url: liveFlvUrl(cameraId, order[streamIndex]),
            withCredentials: true,
            // the live view is muted; and the restream's FLV header claims audio even when a camera has none,
            // which would keep mpegts.js waiting for audio that never comes
            hasAudio: false,
            hasVideo: true,
          },
          {
            enableWorker: false,
            enableStashBuffer: false,
            stashInitialSize: 128 * 1024,
            lazyLoad: false,
            liveBufferLatencyChasing: true,
            liveBufferLatencyMaxLatency: 1.5,
            liveBufferLatencyMinRemain: 0.3,
            autoCleanupSourceBuffer: true,
            autoCleanupMaxBackwardDuration: 30,
            autoCleanupMinBackwardDuration: 10,
          },
        );
        player = p;
        p.on(mpegts.Events.ERROR, (type: string, detail: string) => retry(`The live stream failed (${type}: ${detail}).`));
        p.on(mpegts.Events.LOADING_COMPLETE, () => retry('The live stream ended.'));
        p.attachMediaElement(video);
        p.load();
        void Promise.resolve(p.play()).catch(() => undefined);

        let lastTime = -1;
        let lastChange = Date.now();
        const startedAt = Date.now();
        watchdog = setInterval(() => {
          const now = Date.now();
          if (video.currentTime !== lastTime) {
            if (lastTime >= 0 && video.videoWidth > 0) {
              attempt = 0;
              if (current !== 'playing') report('playing');
            }
            lastTime = video.currentTime;
            lastChange = now;
            return;
          }
          if (video.paused && video.readyState >= 2) void Promise.resolve(p.play()).catch(() => undefined);
          const waited = now - lastChange;
          if (lastTime <= 0 ? now - startedAt > FIRST_PICTURE_MS : waited > STALL_MS) {
            retry(lastTime <= 0 ? 'No picture from the camera yet.' : 'The picture stopped.');
          }
        }, 1000);
      });
    };

    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      video.removeEventListener('timeupdate', onTime);
      teardown();
      video.removeAttribute('src');
      video.load();
    };
  }, [cameraId, streamKey, active]);

  return (
    <video
      ref={videoRef}
      className={className}
      data-testid="camera-live-video"
      data-state={state}
      aria-label={label}
      muted
      autoPlay
      playsInline
      disablePictureInPicture
    />
  );
}
