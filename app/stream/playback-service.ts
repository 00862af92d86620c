/**
 * Playback of a library file for one client: the decision (direct play, remux, transcode) by the client's device
 * profile, and the URL it plays — the file itself, or an on-the-fly HLS stream made for it. Also the text subtitles
 * as WebVTT and the HLS session's playlists and segments.
 */
import type { LibraryItemDetail, MediaFileDetail, PlaybackInfo } from '../api/api-types.js';
import { NotFoundError, UserError } from '../core/user-error.js';
import type { HlsEncoder } from './hls-session.js';
import type { HlsSessionManager } from './hls-session-manager.js';
import { codecsAttribute, fixedSegmentPlan, keyframeSegmentPlan, masterPlaylist, mediaPlaylist, segmentAt } from './hls-plan.js';
import type { MediaTools } from './media-tools.js';
import { decidePlayback, TEXT_SUBTITLE_CODECS } from './playback-decision.js';
import type { DeviceProfile, PlaybackChoice } from './playback-types.js';

export interface PlaybackServiceDeps {
  library: {
    file(id: number): MediaFileDetail | null;
    item(id: number): LibraryItemDetail | null;
    playablePath(fileId: number): Promise<string | null>;
  };
  profiles: { get(name: string): DeviceProfile };
  sessions: HlsSessionManager;
  tools: MediaTools;
  /** the video encoder for transcodes now (hardware when enabled and working) and the CPU one to fall back to */
  encoders(): { primary: HlsEncoder; fallback: HlsEncoder };
}

export interface PlaybackRequest extends PlaybackChoice {
  userId: number;
  profile: string;
  /** where the player will start, in seconds (a resume point): the stream is made from there first */
  startSec?: number;
}

/** Paths are relative to the API root (/api/v1); the route makes them absolute for the client. */
export class PlaybackService {
  constructor(private readonly deps: PlaybackServiceDeps) {}

  /** The file to play for a library item: the given one, the movie's first file, a series' first episode's. */
  fileOfItem(itemId: number, fileId?: number): number {
    const item = this.deps.library.item(itemId);
    if (!item) throw new NotFoundError(`Item ${itemId} not found`);
    const files =
      item.type === 'movie' ? item.files : item.seasons.flatMap((s) => s.episodes.flatMap((episode) => episode.files));
    if (fileId !== undefined) {
      if (!files.some((f) => f.id === fileId)) throw new NotFoundError(`File ${fileId} is not part of "${item.title}"`);
      return fileId;
    }
    if (!files.length) throw new NotFoundError(`"${item.title}" has no files to play`);
    return files[0].id;
  }

  async playback(fileId: number, request: PlaybackRequest): Promise<PlaybackInfo> {
    const file = this.deps.library.file(fileId);
    if (!file) throw new NotFoundError(`File ${fileId} not found`);
    if (!file.probe) {
      throw new UserError(
        file.probeError
          ? `This file can't be played: ${file.probeError}`
          : 'This file has not been read yet (its technical info is pending); try again in a moment',
      );
    }
    const input = await this.deps.library.playablePath(fileId);
    if (!input) throw new NotFoundError('The file is gone from disk or no longer inside a media folder');
    const profile = this.deps.profiles.get(request.profile);
    const probe = file.probe;
    const decision = decidePlayback({ path: file.path, size: file.size, probe }, profile, request);
    const duration = probe.durationSec ?? 0;
    if (request.startSec !== undefined && duration && request.startSec >= duration) {
      throw new UserError(`Start at ${request.startSec} s is past the end (the file lasts ${Math.floor(duration)} s)`);
    }
    const base = {
      method: decision.method,
      reasons: decision.reasons.map((r) => r.code),
      explanation: decision.reasons,
      fileId,
      itemId: file.item.id,
      profile: profile.name,
      durationSec: probe.durationSec,
      container: decision.container,
      video: decision.video,
      audio: decision.audio,
      subtitle: decision.subtitle,
      audioTracks: probe.audio.map((a) => ({ ...a, selected: a.index === decision.audio?.stream })),
      subtitles: probe.subtitles.map((s) => ({
        ...s,
        selected: s.index === decision.subtitle?.stream,
        // text subtitles go beside the video; a burnt-in one is part of the picture
        url: isTextSubtitle(s.codec) ? `/files/${fileId}/subtitles/${s.index}.vtt` : null,
      })),
    };
    if (decision.method === 'direct') return { ...base, url: `/files/${fileId}/stream`, session: null };
    if (!duration) throw new UserError("This file's duration is unknown, so it can't be streamed as HLS");

    const plan =
      decision.video.action === 'copy'
        ? keyframeSegmentPlan(await this.deps.tools.keyframesOf(input), duration)
        : fixedSegmentPlan(duration);
    const { primary, fallback } = this.deps.encoders();
    const session = await this.deps.sessions.open({
      userId: request.userId,
      key: JSON.stringify([fileId, profile.name, decision]),
      input,
      probe,
      decision,
      plan,
      encoder: primary,
      fallbackEncoder: fallback,
    });
    // ffmpeg starts now, at the segment the player will ask for first
    await session.prepare(segmentAt(plan, request.startSec ?? 0));
    return {
      ...base,
      url: `/hls/${session.id}/master.m3u8`,
      session: { id: session.id, segments: session.segmentCount, encoder: session.state.encoder },
    };
  }

  masterPlaylist(sessionId: string, userId: number): string {
    const session = this.deps.sessions.get(sessionId, userId);
    const { decision, probe } = session.info;
    const video = decision.video;
    const bandwidth = (video.bitrate ?? probe.bitRate ?? 8_000_000) + (decision.audio?.bitrate ?? 192_000);
    const codecs = codecsAttribute(
      video.action === 'copy'
        ? { codec: video.codec, profile: probe.video?.profile ?? null, level: probe.video?.level ?? null }
        : { codec: 'h264', profile: 'high', level: 41 },
      decision.audio?.codec ?? null,
    );
    return masterPlaylist(
      { bandwidth: Math.round(bandwidth * 1.2), width: video.width, height: video.height, codecs },
      'media.m3u8',
    );
  }

  mediaPlaylist(sessionId: string, userId: number): string {
    const session = this.deps.sessions.get(sessionId, userId);
    return mediaPlaylist(session.info.plan, (i) => `seg/${i}.ts`);
  }

  segment(sessionId: string, userId: number, index: number): Promise<string> {
    return this.deps.sessions.get(sessionId, userId).segment(index);
  }

  async stop(sessionId: string, userId: number): Promise<void> {
    this.deps.sessions.get(sessionId, userId);
    await this.deps.sessions.stop(sessionId);
  }

  async subtitle(fileId: number, stream: number): Promise<string> {
    const file = this.deps.library.file(fileId);
    const subtitle = file?.probe?.subtitles.find((s) => s.index === stream);
    if (!file || !subtitle) throw new NotFoundError(`No subtitle stream #${stream} in file ${fileId}`);
    if (!isTextSubtitle(subtitle.codec)) {
      throw new UserError(`Subtitle #${stream} is a picture subtitle (${subtitle.codec}); choose it to have it burnt in`);
    }
    const input = await this.deps.library.playablePath(fileId);
    if (!input) throw new NotFoundError('The file is gone from disk or no longer inside a media folder');
    return this.deps.tools.subtitleVtt(input, stream);
  }
}

const isTextSubtitle = (codec: string) => TEXT_SUBTITLE_CODECS.includes(codec);
