import type { default as Hls, ErrorData, LevelLoadedData } from 'hls.js';
import { useEffect, useRef, useState } from 'react';
import type { CameraReplayInfo } from '../../../../app/api/api-types';
import { piecesFromSpans, playlistPositionFor, wallClockAt, type PlaylistPiece } from '../../camera-timeline';
import { hlsErrorMessage } from '../../playback-format';

interface Props {
  replay: CameraReplayInfo;
  /** the wall-clock moment to show first */
  seekTo: number;
  /** the wall-clock moment on screen as the video plays (null when unknown) */
  onClock(ms: number | null): void;
  /** the wanted moment had no footage: playback starts at the next recorded moment */
  onSnapped?(ms: number): void;
  onEnded?(): void;
}

/**
 * Recorded footage through the engine's HLS replay playlist (hls.js, lazy-loaded as in the library player). The
 * playlist cuts gaps out, so wall-clock time <-> video time goes through the fragments' #EXT-X-PROGRAM-DATE-TIME
 * (or the replay's spans until the playlist is parsed).
 */
export function ReplayPlayer({ replay, seekTo, onClock, onSnapped, onEnded }: Props) {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const piecesRef = useRef<PlaylistPiece[]>([]);
  const [error, setError] = useState<string | null>(null);
  const callbacks = useRef({ onClock, onSnapped, onEnded });
  callbacks.current = { onClock, onSnapped, onEnded };

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    setError(null);
    piecesRef.current = piecesOfReplay(replay);
    const first = playlistPositionFor(seekTo, piecesRef.current);
    if (first?.snapped) callbacks.current.onSnapped?.(wallClockAt(first.position, piecesRef.current) ?? seekTo);
    let hls: Hls | null = null;
    let cancelled = false;
    let precise = false;

    void import('hls.js/light').then(({ default: HlsJs }) => {
      if (cancelled) return;
      if (!HlsJs.isSupported()) {
        setError('This browser has no Media Source Extensions, so it cannot replay recordings.');
        return;
      }
      const h = new HlsJs({ startPosition: first?.position ?? 0, maxBufferLength: 30, backBufferLength: 60 });
      hls = h;
      h.on(HlsJs.Events.LEVEL_LOADED, (_e, data: LevelLoadedData) => {
        const fromFragments = piecesFromFragments(data.details.fragments);
        if (!fromFragments.length) return;
        piecesRef.current = fromFragments;
        if (precise) return;
        precise = true;
        // the playlist's own times are exact (the spans were merged across small gaps): seek there once
        const exact = playlistPositionFor(seekTo, fromFragments);
        if (exact && first && Math.abs(exact.position - first.position) > 0.5) video.currentTime = exact.position;
      });
      h.on(HlsJs.Events.ERROR, (_e, data: ErrorData) => {
        if (data.fatal) setError(hlsErrorMessage(data.details, responseText(data)));
      });
      h.loadSource(replay.playlistUrl);
      h.attachMedia(video);
    });

    const onTime = () => callbacks.current.onClock(wallClockAt(video.currentTime, piecesRef.current));
    const onEnd = () => callbacks.current.onEnded?.();
    video.addEventListener('timeupdate', onTime);
    video.addEventListener('seeked', onTime);
    video.addEventListener('ended', onEnd);
    return () => {
      cancelled = true;
      video.removeEventListener('timeupdate', onTime);
      video.removeEventListener('seeked', onTime);
      video.removeEventListener('ended', onEnd);
      hls?.destroy();
    };
  }, [replay, seekTo]);

  return (
    <>
      <video
        ref={videoRef}
        className="cam-video"
        data-testid="camera-replay-video"
        controls
        autoPlay
        playsInline
        onLoadedData={() => setError(null)}
      />
      {error && (
        <div className="player-error cam-replay-error" role="alert" data-testid="camera-replay-error">
          <p>{error}</p>
        </div>
      )}
    </>
  );
}

/** The replay's spans as playlist pieces: at their offsets when the engine gives them, else laid end to end. */
function piecesOfReplay(replay: CameraReplayInfo): PlaylistPiece[] {
  const withOffsets = replay.spans.every((s) => typeof (s as { offset?: unknown }).offset === 'number');
  if (withOffsets && replay.spans.length) {
    return replay.spans.map((s) => ({
      at: s.offset,
      wallStart: Date.parse(s.start),
      duration: (Date.parse(s.end) - Date.parse(s.start)) / 1000,
    }));
  }
  const spans = replay.spans.map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end) }));
  return piecesFromSpans(spans, Date.parse(replay.start));
}

/** One piece per fragment that carries a program date-time: exact, whatever the gaps and the segments' drift. */
function piecesFromFragments(
  fragments: ReadonlyArray<{ start: number; duration: number; programDateTime: number | null }>,
): PlaylistPiece[] {
  return fragments
    .filter((f) => f.programDateTime !== null && Number.isFinite(f.programDateTime))
    .map((f) => ({ at: f.start, wallStart: f.programDateTime!, duration: f.duration }));
}

function responseText(data: ErrorData): string | null {
  const details = data.networkDetails as XMLHttpRequest | Response | undefined;
  if (details && 'responseText' in details && typeof details.responseText === 'string') return details.responseText;
  return null;
}
