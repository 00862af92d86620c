import type { default as Hls, ErrorData } from 'hls.js';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { PlaybackInfo } from '../../../../app/api/api-types';
import { hlsErrorMessage, videoErrorMessage } from '../../playback-format';

interface Props {
  info: PlaybackInfo;
  /** second to start at (a resume point, or where the user was before switching tracks) */
  startAt: number;
  /** stable (a state setter): called with the element once it exists */
  onVideo?: (video: HTMLVideoElement | null) => void;
  /** drawn over the video (the resume prompt) */
  children?: ReactNode;
}

/**
 * The video element for one playback: the file itself (direct play), or the engine's HLS stream through hls.js
 * (Safari plays HLS natively). Text subtitles are <track>s of WebVTT beside the video.
 */
export function PlaybackVideo({ info, startAt, onVideo, children }: Props) {
  const ref = useRef<HTMLVideoElement | null>(null);
  const setVideo = useCallback(
    (el: HTMLVideoElement | null) => {
      ref.current = el;
      onVideo?.(el);
    },
    [onVideo],
  );
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    setError(null);
    if (info.method === 'direct') return playNatively(video, info.url, startAt);
    let hls: Hls | null = null;
    let cleanup: (() => void) | null = null;
    let cancelled = false;
    // hls.js (light: subtitles come as <track>s) is loaded only for a stream: direct play never pays for it
    void import('hls.js/light').then(({ default: HlsJs }) => {
      if (cancelled) return;
      if (!HlsJs.isSupported()) {
        if (video.canPlayType('application/vnd.apple.mpegurl')) cleanup = playNatively(video, info.url, startAt);
        else setError('This browser has neither Media Source Extensions nor native HLS, so it cannot play a converted stream.');
        return;
      }
      hls = new HlsJs({
        startPosition: startAt,
        // a segment may wait for ffmpeg (a seek restarts it): give it time before calling it a failure
        fragLoadPolicy: {
          default: {
            maxTimeToFirstByteMs: 60_000,
            maxLoadTimeMs: 120_000,
            timeoutRetry: { maxNumRetry: 2, retryDelayMs: 0, maxRetryDelayMs: 0 },
            errorRetry: { maxNumRetry: 1, retryDelayMs: 1000, maxRetryDelayMs: 4000 },
          },
        },
        maxBufferLength: 30,
      });
      hls.on(HlsJs.Events.ERROR, (_event, data: ErrorData) => {
        if (data.fatal) setError(hlsErrorMessage(data.details, responseText(data)));
      });
      hls.loadSource(info.url);
      hls.attachMedia(video);
    });
    return () => {
      cancelled = true;
      hls?.destroy();
      cleanup?.();
    };
  }, [info.url, info.method, startAt]);

  return (
    <div className="player-frame">
      <video
        ref={setVideo}
        data-testid="player-video"
        data-method={info.method}
        controls
        autoPlay
        playsInline
        onError={(e) => {
          if (info.method === 'direct') setError(videoErrorMessage(e.currentTarget.error?.code ?? 4));
        }}
        onLoadedData={() => setError(null)}
      >
        {info.subtitles
          .filter((s) => s.url && s.selected)
          .map((s) => (
            <track
              key={s.index}
              kind="subtitles"
              src={s.url!}
              srcLang={s.language ?? undefined}
              label={s.title ?? s.language ?? `#${s.index}`}
              default
            />
          ))}
      </video>
      {children}
      {error && (
        <div className="player-error" role="alert" data-testid="player-error">
          <p>{error}</p>
        </div>
      )}
    </div>
  );
}

/** The engine's message from a failed playlist or segment request, when hls.js kept the response. */
function responseText(data: ErrorData): string | null {
  const details = data.networkDetails as XMLHttpRequest | Response | undefined;
  if (details && 'responseText' in details && typeof details.responseText === 'string') return details.responseText;
  return null;
}

/** The file (or Safari's native HLS) straight into the video element. */
function playNatively(video: HTMLVideoElement, url: string, startAt: number): () => void {
  video.src = url;
  if (startAt > 0) video.currentTime = startAt;
  return () => {
    video.removeAttribute('src');
    video.load();
  };
}
