import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENGINE_V8_FLAGS } from './engine-v8-flags.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('the V8 flags the engine starts with', () => {
  it('are what `racoon` (its first line) and `npm run serve` start node with', () => {
    const firstLine = fs.readFileSync(path.join(repo, 'bin', 'racoon.js'), 'utf8').split('\n')[0];
    expect(firstLine).toBe(`#!/usr/bin/env -S node ${ENGINE_V8_FLAGS.join(' ')}`);
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.serve).toBe(`node ${ENGINE_V8_FLAGS.join(' ')} bin/racoon.js serve`);
  });

  it('are accepted by this node, also through the first line of bin/racoon.js run as a program', () => {
    // a misspelt or retired V8 flag makes node refuse to start at all ("bad option")
    expect(execFileSync(process.execPath, [...ENGINE_V8_FLAGS, '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' })).toBe(
      'ok',
    );
    const parsed = execFileSync(path.join(repo, 'bin', 'racoon.js'), ['parse-title', 'Movie.2011.1080p.BluRay.x264-GRP'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(JSON.parse(parsed.trim())).toMatchObject({ titles: ['Movie'], year: 2011 });
  });
});
