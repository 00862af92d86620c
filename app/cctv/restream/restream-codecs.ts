/**
 * What ffmpeg does to each track on its way into the restream server (FLV, played by mpegts.js and VLC): H.264 video
 * and AAC audio are copied; other video (H.265, MJPEG…) is encoded to H.264 for low latency; other audio (G.711,
 * Opus…) is encoded to AAC; no audio track means none. Pure: media in, ffmpeg arguments and reasons out.
 */

export interface SourceCodecs {
  /** ffprobe's codec_name of the video track; null when there is none */
  video: string | null;
  /** ffprobe's codec_name of the first audio track; null when there is none */
  audio: string | null;
  /** frames per second when known (sets the keyframe interval of an encode) */
  fps?: number | null;
}

export interface CodecPlan {
  video: 'copy' | 'encode' | 'none';
  audio: 'copy' | 'encode' | 'none';
  /** ffmpeg output options (maps and codecs), to come before `-f flv URL` */
  args: string[];
  /** why, in words, for the log and the API */
  reasons: string[];
}

export function restreamCodecPlan(source: SourceCodecs): CodecPlan {
  const args: string[] = [];
  const reasons: string[] = [];
  let video: CodecPlan['video'] = 'none';
  if (source.video) {
    args.push('-map', '0:v:0');
    if (source.video === 'h264') {
      video = 'copy';
      args.push('-c:v', 'copy');
      reasons.push('video: H.264 copied');
    } else {
      video = 'encode';
      // a keyframe every ~2 s: a new viewer's picture starts at the next one
      const gop = String(Math.max(10, Math.round((source.fps && source.fps > 0 ? source.fps : 25) * 2)));
      args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', gop);
      reasons.push(`video: ${source.video} encoded to H.264 (FLV players need H.264)`);
    }
  } else {
    reasons.push('video: none in the source');
  }
  let audio: CodecPlan['audio'] = 'none';
  if (source.audio === 'aac') {
    audio = 'copy';
    args.push('-map', '0:a:0', '-c:a', 'copy');
    reasons.push('audio: AAC copied');
  } else if (source.audio) {
    audio = 'encode';
    // FLV's AAC wants 44.1 kHz-family or 48 kHz rates; G.711's 8 kHz is resampled
    args.push('-map', '0:a:0', '-c:a', 'aac', '-b:a', '96k', '-ar', '44100');
    reasons.push(`audio: ${source.audio} encoded to AAC`);
  } else {
    args.push('-an');
    reasons.push('audio: none in the source');
  }
  return { video, audio, args, reasons };
}
