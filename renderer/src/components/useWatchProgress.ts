// Resume points for the player: loads where this user stopped, offers it (resumeAt → <ResumePrompt>), and reports the
// position every 10 s while playing and on pause, at the end, when the page goes away and when the player unmounts.
import { useCallback, useEffect, useRef, useState } from 'react';
import { reportProgressKeepalive, watchApi } from '../api/watch';
import { useWatch } from '../store/watch';
import { ProgressTracker, REPORT_INTERVAL_MS, resumePoint, type PlaybackSnapshot } from '../watch-progress';

export interface WatchProgress {
  /** where the user stopped last time, while the choice is open (show <ResumePrompt>); null otherwise */
  resumeAt: number | null;
  /** play from the beginning (and report from there) */
  startOver(): void;
  /** seek to resumeAt and play */
  resume(): void;
}

type Phase = 'loading' | 'prompt' | 'decided';

const snapshot = (video: HTMLVideoElement): PlaybackSnapshot => ({
  readyState: video.readyState,
  seeking: video.seeking,
  currentTime: video.currentTime,
  duration: video.duration,
});

/** Seeks once the element knows its media (setting currentTime before metadata is lost on some browsers). */
function seekWhenReady(video: HTMLVideoElement, positionSec: number): void {
  const seek = () => {
    if (Math.abs(video.currentTime - positionSec) > 0.5) video.currentTime = positionSec;
  };
  if (video.readyState >= HTMLMediaElement.HAVE_METADATA) seek();
  else video.addEventListener('loadedmetadata', seek, { once: true });
}

function play(video: HTMLVideoElement): void {
  // autoplay rules may refuse: the user then presses play on the controls
  video.play().catch(() => undefined);
}

/**
 * With HLS the video's currentTime is the real media time (segments carry the source's timestamps), so it is the
 * position. While the resume prompt is open the video is held paused and nothing is reported: a report from 0 would
 * wipe the very resume point being offered.
 */
export function useWatchProgress(video: HTMLVideoElement | null, fileId: number): WatchProgress {
  const [resumeAt, setResumeAt] = useState<number | null>(null);
  const phase = useRef<Phase>('loading');
  const tracker = useRef(new ProgressTracker());
  const videoRef = useRef(video);
  videoRef.current = video;

  // where this user stopped last time
  useEffect(() => {
    let cancelled = false;
    tracker.current = new ProgressTracker();
    phase.current = 'loading';
    setResumeAt(null);
    const decideStart = () => {
      phase.current = 'decided';
      tracker.current.enable(null);
    };
    watchApi.progress(fileId).then(
      (progress) => {
        if (cancelled) return;
        const at = resumePoint(progress);
        if (at === null) return decideStart();
        phase.current = 'prompt';
        setResumeAt(at);
        videoRef.current?.pause();
      },
      // no resume point to protect when the engine could not say: report as usual
      () => !cancelled && decideStart(),
    );
    return () => {
      cancelled = true;
    };
  }, [fileId]);

  // reporting
  useEffect(() => {
    if (!video) return;
    const t = tracker.current;
    const send = (paused: boolean, force: boolean) => {
      const report = t.next(snapshot(video), { paused, force });
      if (report)
        watchApi.report(fileId, report).then(
          () => useWatch.getState().refresh(),
          () => undefined,
        );
    };
    const onTimeUpdate = () => t.observe(snapshot(video));
    const onPlay = () => {
      if (phase.current === 'prompt') video.pause(); // the prompt decides where playback starts
    };
    // 'pause' also fires just before 'ended': the end is reported by onEnded
    const onPause = () => !video.ended && send(true, true);
    const onEnded = () => send(true, true);
    const onPageHide = () => {
      const report = t.next(snapshot(video), { paused: video.paused, force: true });
      if (report) reportProgressKeepalive(fileId, report);
    };
    const timer = setInterval(() => {
      if (!video.paused && !video.ended) send(false, false);
    }, REPORT_INTERVAL_MS);
    video.addEventListener('timeupdate', onTimeUpdate);
    video.addEventListener('play', onPlay);
    video.addEventListener('pause', onPause);
    video.addEventListener('ended', onEnded);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      clearInterval(timer);
      video.removeEventListener('timeupdate', onTimeUpdate);
      video.removeEventListener('play', onPlay);
      video.removeEventListener('pause', onPause);
      video.removeEventListener('ended', onEnded);
      window.removeEventListener('pagehide', onPageHide);
      // leaving the player: an element already torn down (no metadata any more) leaves the last good position
      const report = t.next(snapshot(video), { paused: true, force: true });
      if (report) {
        reportProgressKeepalive(fileId, report);
        useWatch.getState().refresh();
      }
    };
  }, [video, fileId]);

  const resume = useCallback(() => {
    if (phase.current !== 'prompt' || resumeAt === null) return;
    phase.current = 'decided';
    tracker.current.enable(resumeAt);
    setResumeAt(null);
    const v = videoRef.current;
    if (v) {
      seekWhenReady(v, resumeAt);
      play(v);
    }
  }, [resumeAt]);

  const startOver = useCallback(() => {
    if (phase.current !== 'prompt') return;
    phase.current = 'decided';
    tracker.current.enable(null);
    setResumeAt(null);
    const v = videoRef.current;
    if (v) {
      if (v.currentTime > 0) v.currentTime = 0;
      play(v);
    }
  }, []);

  return { resumeAt, startOver, resume };
}
