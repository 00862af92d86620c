import { describe, expect, it } from 'vitest';
import { parseEngineEvent } from './engine-events';

describe('transcode events over SSE', () => {
  it('parses transcode.changed and transcode.removed', () => {
    const job = { id: 4, state: 'running', progress: 12.5 };
    expect(parseEngineEvent(JSON.stringify({ type: 'transcode.changed', job }))).toEqual({ type: 'transcode.changed', job });
    expect(parseEngineEvent(JSON.stringify({ type: 'transcode.removed', id: 4 }))).toEqual({ type: 'transcode.removed', id: 4 });
  });

  it('drops malformed ones', () => {
    expect(parseEngineEvent(JSON.stringify({ type: 'transcode.changed' }))).toBeNull();
    expect(parseEngineEvent(JSON.stringify({ type: 'transcode.changed', job: { id: '4' } }))).toBeNull();
    expect(parseEngineEvent(JSON.stringify({ type: 'transcode.removed', id: null }))).toBeNull();
  });
});
