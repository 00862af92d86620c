// Tests read live HTTP-FLV the way a player does: the FLV header, then tags (script, audio, video), parsed as they
// arrive, so a test can wait for "an AVC sequence header, then pictures" rather than for some number of bytes.
import http from 'node:http';

export interface FlvTag {
  /** 8 audio, 9 video, 18 script data */
  type: number;
  timestamp: number;
  data: Buffer;
}

export class FlvParser {
  header: { audio: boolean; video: boolean } | null = null;
  readonly tags: FlvTag[] = [];
  bytes = 0;
  private pending = Buffer.alloc(0);
  /** what was wrong with the bytes, if anything */
  error: string | null = null;

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.pending = Buffer.concat([this.pending, chunk]);
    if (!this.header) {
      if (this.pending.length < 13) return;
      if (this.pending.subarray(0, 3).toString('latin1') !== 'FLV') {
        this.error = `not FLV: starts with ${this.pending.subarray(0, 3).toString('hex')}`;
        return;
      }
      const flags = this.pending[4];
      const offset = this.pending.readUInt32BE(5);
      this.header = { audio: (flags & 4) !== 0, video: (flags & 1) !== 0 };
      // the header, then PreviousTagSize0
      this.pending = this.pending.subarray(offset + 4);
    }
    while (this.pending.length >= 11) {
      const size = this.pending.readUIntBE(1, 3);
      if (this.pending.length < 11 + size + 4) return;
      const timestamp = this.pending.readUIntBE(4, 3) | (this.pending[7] << 24);
      this.tags.push({ type: this.pending[0], timestamp, data: Buffer.from(this.pending.subarray(11, 11 + size)) });
      if (this.pending.readUInt32BE(11 + size) !== size + 11) this.error = 'a PreviousTagSize does not match its tag';
      this.pending = this.pending.subarray(11 + size + 4);
    }
  }

  /** Video tags: AVC sequence header (packet type 0) or coded pictures (1). */
  avc(): Array<{ sequenceHeader: boolean; keyframe: boolean; timestamp: number }> {
    return this.tags
      .filter((t) => t.type === 9 && (t.data[0] & 0x0f) === 7)
      .map((t) => ({ sequenceHeader: t.data[1] === 0, keyframe: t.data[0] >> 4 === 1, timestamp: t.timestamp }));
  }

  /** AAC audio tags (sound format 10): sequence header (packet type 0) or frames. */
  aac(): Array<{ sequenceHeader: boolean }> {
    return this.tags.filter((t) => t.type === 8 && t.data[0] >> 4 === 10).map((t) => ({ sequenceHeader: t.data[1] === 0 }));
  }

  /** The stream starts the way a player needs: an AVC sequence header first, then `pictures` coded pictures. */
  playable(pictures = 3): boolean {
    const video = this.avc();
    const first = video.findIndex((v) => v.sequenceHeader);
    return first >= 0 && video.slice(first + 1).filter((v) => !v.sequenceHeader).length >= pictures;
  }
}

export interface FlvViewer {
  status: number;
  headers: http.IncomingHttpHeaders;
  flv: FlvParser;
  ended: boolean;
  close(): void;
}

/** Opens a live HTTP-FLV URL and keeps parsing what arrives until close(). */
export function watchFlv(url: string, headers: Record<string, string> = {}): Promise<FlvViewer> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (res) => {
      const viewer: FlvViewer = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        flv: new FlvParser(),
        ended: false,
        close: () => request.destroy(),
      };
      res.on('data', (chunk: Buffer) => viewer.flv.push(chunk));
      res.on('end', () => (viewer.ended = true));
      res.on('close', () => (viewer.ended = true));
      res.on('error', () => (viewer.ended = true));
      resolve(viewer);
    });
    request.on('error', (err) => reject(err));
  });
}
