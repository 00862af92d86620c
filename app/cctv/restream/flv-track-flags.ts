/**
 * node-media-server starts every HTTP-FLV answer with a header that announces audio AND video. mpegts.js (the UI's
 * player) believes it and waits for an audio track that a camera without a microphone never sends: the picture never
 * starts. This pass-through holds the first bytes until the stream's metadata (ffmpeg's onMetaData names
 * audiocodecid / videocodecid for the tracks it has) and corrects the header's flags; everything else passes as is.
 */
import { Transform, type TransformCallback } from 'node:stream';

const HEADER_AND_FIRST_TAG_SIZE = 13; // FLV header (9) + PreviousTagSize0 (4)
const TAG_HEADER = 11;
const SCRIPT_TAG = 18;
/** past this without a verdict the stream is passed on untouched */
const MAX_HELD = 1024 * 1024;

/** The header flags the first tag (when it is metadata) calls for, or null to leave them. Pure. */
export function trackFlagsFromMetadata(tagType: number, data: Buffer): number | null {
  if (tagType !== SCRIPT_TAG) return null;
  const text = data.toString('latin1');
  if (!text.includes('onMetaData')) return null;
  const flags = (text.includes('audiocodecid') ? 4 : 0) | (text.includes('videocodecid') ? 1 : 0);
  return flags || null;
}

export class FlvTrackFlags extends Transform {
  private held: Buffer[] = [];
  private heldBytes = 0;
  private decided = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.decided) return done(null, chunk);
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    const bytes = Buffer.concat(this.held);
    this.held = [bytes];
    const verdict = this.verdict(bytes);
    if (verdict === undefined && this.heldBytes < MAX_HELD) return done();
    this.decided = true;
    this.held = [];
    if (typeof verdict === 'number') bytes[4] = verdict;
    done(null, bytes);
  }

  override _flush(done: TransformCallback): void {
    done(null, this.held.length ? Buffer.concat(this.held) : undefined);
  }

  /** undefined: not enough bytes yet; null: leave the header; a number: the flags to set. */
  private verdict(bytes: Buffer): number | null | undefined {
    if (bytes.length < 3) return undefined;
    if (bytes.subarray(0, 3).toString('latin1') !== 'FLV') return null;
    if (bytes.length < HEADER_AND_FIRST_TAG_SIZE + TAG_HEADER) return undefined;
    const offset = bytes.readUInt32BE(5) + 4;
    if (bytes.length < offset + TAG_HEADER) return undefined;
    const size = bytes.readUIntBE(offset + 1, 3);
    if (bytes.length < offset + TAG_HEADER + size) return undefined;
    return trackFlagsFromMetadata(bytes[offset], bytes.subarray(offset + TAG_HEADER, offset + TAG_HEADER + size));
  }
}
