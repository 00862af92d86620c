/**
 * Library scan benchmark (a report, not a test: `npm run bench [-- --files N --runs N]`).
 *
 * 1. Generates, in a temp dir, a deterministic tree of EMPTY files named like a real media library
 *    (Jellyfin movie folders, scene releases, series with seasons, Russian names, nfo/srt/jpg extras,
 *    Sample folders that the scanner must skip).
 * 2. Times OUR full scan: the real LibraryService over a real SQLite catalogue (no ffprobe, no watcher),
 *    with a fresh database for every run, then a second, no-change rescan on the same database.
 * 3. Times two references over the same tree: a bare Node walk (readdir withFileTypes + stat of every
 *    file: the I/O floor from JS) and `find -printf` (a native walker that stats every file).
 * Every measurement runs --runs times (default 3) with a warm OS cache; the median is reported.
 * files/s always divides the TOTAL number of files in the tree (videos + extras + samples), so the
 * rates are comparable: every walker visits the same directory entries.
 * Exits 0 whatever the result; prints FAIL when our first scan is below the goal.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ScanProgress } from '../app/api/api-types.js';
import { openDatabase, type Db } from '../app/core/database.js';
import { EventBus } from '../app/core/event-bus.js';
import { silentLogger } from '../app/core/logger.js';
import { WorkControl } from '../app/core/work-control.js';
import { LibraryCatalogue } from '../app/library/library-catalogue.js';
import { LibraryService } from '../app/library/library-service.js';
import { ProbeQueue, type ProbeFunction } from '../app/library/probe-queue.js';

const GOAL_FILES_PER_SEC = 5000;

// ---------------------------------------------------------------------------------------------
// options

interface Options {
  files: number;
  runs: number;
  seed: number;
  keep: boolean;
  /** run only our scans (for --cpu-prof) or only the references */
  only: 'all' | 'ours' | 'refs';
}

function parseOptions(argv: string[]): Options {
  const options: Options = { files: 20_000, runs: 3, seed: 42, keep: false, only: 'all' };
  const positiveInt = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer, got ${String(value)}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--files') options.files = positiveInt(flag, value());
    else if (flag === '--runs') options.runs = positiveInt(flag, value());
    else if (flag === '--seed') options.seed = positiveInt(flag, value());
    else if (flag === '--keep') options.keep = true;
    else if (flag === '--only') {
      const only = value();
      if (only !== 'ours' && only !== 'refs' && only !== 'all')
        throw new Error(`--only takes ours, refs or all, got ${String(only)}`);
      options.only = only;
    } else if (flag === '--help' || flag === '-h') {
      console.log('usage: npm run bench -- [--files N (20000)] [--runs N (3)] [--seed N (42)] [--only ours|refs] [--keep]');
      process.exit(0);
    } else throw new Error(`unknown option ${arg} (try --help)`);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// deterministic media tree

/** mulberry32: tiny, fast, good enough for picking names. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// No word here may be a folder name the scanner ignores (extras, samples, trailers, other, clips...).
const EN_WORDS = (
  'night dark river city star empire ghost shadow winter summer blood iron glass silent broken last lost ' +
  'first golden black white red blue green storm fire ice stone wolf dragon king queen prince knight ' +
  'house garden road bridge island ocean desert mountain forest valley harbor station signal code ' +
  'machine dream memory secret promise letter song dance game hunter killer doctor lawyer detective ' +
  'agent spy soldier pilot captain sister brother father mother daughter son family friend stranger ' +
  'neighbor witness angel devil saint sinner heaven hell paradise tomorrow yesterday midnight morning ' +
  'evening silver crystal velvet hollow wild quiet loud fast slow deep high low long short bright ' +
  'cold warm heart mind soul eye hand voice face line edge point circle square north south east west ' +
  'paris london tokyo berlin moscow chicago texas brooklyn avenue street lane protocol project mission ' +
  'legacy origin rising falling return revenge justice honor glory fortune chance luck fate destiny'
).split(/\s+/);
const RU_WORDS = (
  'ночь тьма река город звезда зима лето кровь тишина дорога дом сад мост остров море пустыня гора лес ' +
  'долина гавань станция сигнал код мечта память тайна обещание письмо песня танец охотник доктор ' +
  'следователь агент солдат капитан сестра брат отец мать дочь сын семья друг незнакомец свидетель ' +
  'ангел небо завтра вчера полночь утро вечер серебро сердце душа голос граница север юг восток запад ' +
  'москва петербург улица проспект задание наследие возвращение месть честь судьба'
).split(/\s+/);
const GROUPS = [
  'SPARKS',
  'GECKOS',
  'NTb',
  'FLUX',
  'CMRG',
  'RARBG',
  'YTS',
  'EVO',
  'DIMENSION',
  'LOL',
  'KILLERS',
  'AMIABLE',
  'ION10',
  'TGx',
];
const RESOLUTIONS = ['2160p', '1080p', '1080p', '720p', '480p'];
const SOURCES = ['BluRay', 'WEB-DL', 'WEBRip', 'HDTV', 'BDRip', 'AMZN.WEB-DL', 'NF.WEB-DL', 'DVDRip'];
const CODECS = ['x264', 'x265', 'H.264', 'HEVC', 'x264.DTS', 'DDP5.1.H.264'];
const VIDEO_EXTS = ['mkv', 'mkv', 'mkv', 'mkv', 'mp4', 'mp4', 'avi', 'm4v'];

interface GeneratedFile {
  relativePath: string;
  kind: string;
  /** a video file the scanner must catalogue (not a sample, not an nfo/srt/jpg) */
  catalogued: boolean;
}

interface TreeStats {
  total: number;
  catalogued: number;
  samples: number;
  extras: number;
  dirs: number;
  cyrillic: number;
  byKind: Record<string, number>;
}

class TreeBuilder {
  readonly files: GeneratedFile[] = [];
  private readonly paths = new Set<string>();
  private readonly titles = new Set<string>();
  readonly showNames: string[] = [];

  constructor(
    private readonly rand: () => number,
    private readonly limit: number,
  ) {}

  get full(): boolean {
    return this.files.length >= this.limit;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.rand() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rand() * list.length)];
  }

  chance(p: number): boolean {
    return this.rand() < p;
  }

  /** A title not used before (per namespace), e.g. "The Silent Harbor", "Тайна Реки". */
  title(namespace: string, words: readonly string[], maxWords = 3): string {
    for (;;) {
      const count = this.int(1, maxWords);
      const parts: string[] = [];
      for (let i = 0; i < count; i++) parts.push(this.pick(words));
      let name = parts.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
      if (words === EN_WORDS && this.chance(0.2)) name = `The ${name}`;
      if (this.chance(0.04)) name = `${name} ${this.int(2, 4)}`; // a sequel
      const key = `${namespace}|${name.toLowerCase()}`;
      if (!this.titles.has(key)) {
        this.titles.add(key);
        return name;
      }
    }
  }

  year(): number {
    return this.int(1955, 2024);
  }

  /** Adds a file unless the tree is full; returns false when it is. */
  add(kind: string, relativePath: string, catalogued: boolean): boolean {
    if (this.full) return false;
    if (this.paths.has(relativePath)) return true; // same name generated twice: keep one
    this.paths.add(relativePath);
    this.files.push({ relativePath, kind, catalogued });
    return true;
  }

  release(): string {
    return `${this.pick(RESOLUTIONS)}.${this.pick(SOURCES)}.${this.pick(CODECS)}-${this.pick(GROUPS)}`;
  }
}

const dotted = (title: string): string => title.replace(/ /g, '.');
const pad = (n: number): string => String(n).padStart(2, '0');

/** Movies/Title (Year)/Title (Year).mkv, with nfo, poster, subtitles, sometimes a Sample folder and a 2nd version. */
function movieFolder(t: TreeBuilder): void {
  const title = t.title('movie', EN_WORDS);
  const year = t.year();
  const name = `${title} (${year})`;
  const dir = `Movies/${name}`;
  const ext = t.pick(VIDEO_EXTS);
  t.add('movie folders', `${dir}/${name}.${ext}`, true);
  if (t.chance(0.06)) t.add('movie folders', `${dir}/${name} - 4K.mkv`, true);
  if (t.chance(0.04)) {
    t.add('movie folders', `${dir}/${name} cd2.${ext}`, true);
  }
  if (t.chance(0.35)) t.add('nfo/srt/jpg', `${dir}/movie.nfo`, false);
  if (t.chance(0.3)) t.add('nfo/srt/jpg', `${dir}/poster.jpg`, false);
  if (t.chance(0.15)) t.add('nfo/srt/jpg', `${dir}/${name}.en.srt`, false);
  if (t.chance(0.05)) t.add('Sample (ignored)', `${dir}/Sample/${dotted(title).toLowerCase()}.sample.mkv`, false);
}

/** Title.Year.1080p.BluRay.x264-GRP.mkv, flat in Downloads or in its release folder with nfo + Sample. */
function sceneMovie(t: TreeBuilder): void {
  const title = t.title('movie', EN_WORDS);
  const release = `${dotted(title)}.${t.year()}.${t.release()}`;
  if (t.chance(0.5)) {
    t.add('scene movies', `Downloads/${release}.mkv`, true);
    return;
  }
  const dir = `Downloads/${release}`;
  t.add('scene movies', `${dir}/${release}.mkv`, true);
  if (t.chance(0.7)) t.add('nfo/srt/jpg', `${dir}/${release}.nfo`, false);
  if (t.chance(0.4)) t.add('Sample (ignored)', `${dir}/Sample/${release.toLowerCase()}-sample.mkv`, false);
  if (t.chance(0.3)) t.add('nfo/srt/jpg', `${dir}/Subs/${release}.srt`, false);
}

/** TV/Show Name/Season 01/Show Name S01E01.mkv for several seasons, with show/season art and subtitles. */
function seriesFolder(t: TreeBuilder): void {
  const show = t.title('show', EN_WORDS);
  t.showNames.push(show);
  const dir = `TV/${show}${t.chance(0.2) ? ` (${t.year()})` : ''}`;
  if (t.chance(0.6)) t.add('nfo/srt/jpg', `${dir}/tvshow.nfo`, false);
  if (t.chance(0.5)) t.add('nfo/srt/jpg', `${dir}/poster.jpg`, false);
  const seasons = t.int(1, 7);
  const style = t.int(0, 3);
  for (let s = 1; s <= seasons && !t.full; s++) {
    const seasonDir = `${dir}/Season ${pad(s)}`;
    if (t.chance(0.3)) t.add('nfo/srt/jpg', `${seasonDir}/folder.jpg`, false);
    const episodes = t.int(6, 24);
    for (let e = 1; e <= episodes && !t.full; e++) {
      const marker = `S${pad(s)}E${pad(e)}`;
      const stem =
        style === 0
          ? `${show} ${marker}`
          : style === 1
            ? `${show} - ${marker} - ${t.title('episode', EN_WORDS, 2)}`
            : style === 2
              ? `${dotted(show)}.${marker}.${t.release()}`
              : `${show} - ${s}x${pad(e)}`;
      const ext = t.pick(VIDEO_EXTS);
      t.add('series folders', `${seasonDir}/${stem}.${ext}`, true);
      if (t.chance(0.15)) t.add('nfo/srt/jpg', `${seasonDir}/${stem}.en.srt`, false);
    }
  }
}

/** Show.Name.S02E05.720p.WEB-DL.x264-GRP.mkv, flat or in a season-pack release folder. */
function sceneEpisodes(t: TreeBuilder): void {
  const show = t.chance(0.3) && t.showNames.length > 0 ? t.pick(t.showNames) : t.title('show', EN_WORDS);
  const season = t.int(1, 9);
  const release = t.release();
  const pack = t.chance(0.5);
  const packDir = `Downloads/${dotted(show)}.S${pad(season)}.${release}`;
  const count = t.int(3, 16);
  for (let e = 1; e <= count && !t.full; e++) {
    const name = `${dotted(show)}.S${pad(season)}E${pad(e)}.${release}.mkv`;
    t.add('scene episodes', pack ? `${packDir}/${name}` : `Downloads/${name}`, true);
  }
  if (pack && t.chance(0.5)) t.add('nfo/srt/jpg', `${packDir}/${dotted(show)}.S${pad(season)}.${release}.nfo`, false);
  if (pack && t.chance(0.2))
    t.add('Sample (ignored)', `${packDir}/Sample/${dotted(show).toLowerCase()}.s${pad(season)}e01.sample.mkv`, false);
}

/** Сериалы/Сериал/Сезон 2/02 серия.mkv (and friends), plus Фильмы/Название (2019)/Название (2019).mkv. */
function russian(t: TreeBuilder): void {
  if (t.chance(0.35)) {
    const title = t.title('ru movie', RU_WORDS);
    const year = t.year();
    const name = `${title} (${year})`;
    t.add('russian', `Фильмы/${name}/${name}.${t.pick(VIDEO_EXTS)}`, true);
    if (t.chance(0.3)) t.add('nfo/srt/jpg', `Фильмы/${name}/${name}.srt`, false);
    return;
  }
  const show = t.title('ru show', RU_WORDS);
  const seasons = t.int(1, 4);
  const style = t.int(0, 2);
  for (let s = 1; s <= seasons && !t.full; s++) {
    const seasonDir = `Сериалы/${show}/${style === 2 ? `${s} сезон` : `Сезон ${s}`}`;
    const episodes = t.int(8, 16);
    for (let e = 1; e <= episodes && !t.full; e++) {
      const stem = style === 0 ? `${pad(e)} серия` : style === 1 ? `Серия ${e}` : `${show} ${pad(e)} серия`;
      t.add('russian', `${seasonDir}/${stem}.${t.pick(['mkv', 'avi', 'mp4'])}`, true);
    }
  }
}

/** Budgets as shares of the total: the last generator fills whatever is left. */
const MIX: Array<[number, (t: TreeBuilder) => void]> = [
  [0.24, movieFolder],
  [0.06, sceneMovie],
  [0.12, sceneEpisodes],
  [0.1, russian],
  [1, seriesFolder],
];

function planTree(count: number, seed: number): GeneratedFile[] {
  const t = new TreeBuilder(prng(seed), count);
  for (const [share, generate] of MIX) {
    const until = Math.min(count, t.files.length + Math.round(count * share));
    while (t.files.length < until) {
      const before = t.files.length;
      generate(t);
      if (t.files.length === before && t.full) break;
    }
  }
  return t.files;
}

function writeTree(root: string, files: GeneratedFile[]): TreeStats {
  const dirs = new Set<string>();
  const stats: TreeStats = { total: 0, catalogued: 0, samples: 0, extras: 0, dirs: 0, cyrillic: 0, byKind: {} };
  for (const file of files) {
    const full = path.join(root, ...file.relativePath.split('/'));
    const dir = path.dirname(full);
    if (!dirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      for (let d = dir; d.length > root.length && !dirs.has(d); d = path.dirname(d)) dirs.add(d);
    }
    fs.closeSync(fs.openSync(full, 'w'));
    stats.total++;
    stats.byKind[file.kind] = (stats.byKind[file.kind] ?? 0) + 1;
    if (file.catalogued) stats.catalogued++;
    else if (file.kind === 'Sample (ignored)') stats.samples++;
    else stats.extras++;
    if (/[\u0400-\u04ff]/u.test(file.relativePath)) stats.cyrillic++;
  }
  stats.dirs = dirs.size;
  return stats;
}

// ---------------------------------------------------------------------------------------------
// measurements

interface Harness {
  db: Db;
  library: LibraryService;
  bus: EventBus;
}

const NEVER_PROBE: ProbeFunction = async (file) => {
  throw new Error(`the benchmark never starts the probe queue (asked for ${file})`);
};

function buildLibrary(dbFile: string): Harness {
  const db = openDatabase(dbFile);
  const bus = new EventBus();
  const work = new WorkControl();
  const log = silentLogger();
  const catalogue = new LibraryCatalogue(db);
  const probes = new ProbeQueue({ catalogue, probe: NEVER_PROBE, bus, work, log });
  const library = new LibraryService({ catalogue, probes, bus, work, log, watch: false });
  return { db, library, bus };
}

/** Samples RSS on a timer and on every scan progress event (the scan's transactions block the timer). */
class RssSampler {
  peak = process.memoryUsage().rss;
  private timer: NodeJS.Timeout | null = null;

  sample = (): void => {
    const rss = process.memoryUsage().rss;
    if (rss > this.peak) this.peak = rss;
  };

  start(): void {
    this.peak = process.memoryUsage().rss;
    this.timer = setInterval(this.sample, 5);
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return this.peak;
  }
}

interface OursRun {
  firstMs: number;
  rescanMs: number;
  first: ScanProgress;
  rescan: ScanProgress;
  peakRss: number;
  baseRss: number;
  dbBytes: number;
}

async function measureOurs(mediaRoot: string, workDir: string, run: number): Promise<OursRun> {
  const dbDir = fs.mkdtempSync(path.join(workDir, `db-${run}-`));
  const h = buildLibrary(path.join(dbDir, 'racoon.db'));
  const sampler = new RssSampler();
  const unsubscribe = h.bus.subscribe((event) => {
    if (event.type === 'scan.progress') sampler.sample();
  });
  try {
    await h.library.addRoot(mediaRoot);
    global.gc?.();
    const baseRss = process.memoryUsage().rss;

    sampler.start();
    let t0 = performance.now();
    const first = await h.library.scan();
    const firstMs = performance.now() - t0;

    t0 = performance.now();
    const rescan = await h.library.scan();
    const rescanMs = performance.now() - t0;
    const peakRss = sampler.stop();

    const dbBytes = fs.readdirSync(dbDir).reduce((sum, name) => sum + fs.statSync(path.join(dbDir, name)).size, 0);
    return { firstMs, rescanMs, first, rescan, peakRss, baseRss, dbBytes };
  } finally {
    sampler.stop();
    unsubscribe();
    await h.library.stop();
    h.db.close();
    fs.rmSync(dbDir, { recursive: true, force: true });
  }
}

/** The I/O floor from JS: readdir(withFileTypes) of every folder, stat of every file, nothing else. */
async function nodeWalk(root: string): Promise<number> {
  let files = 0;
  const walkDir = async (dir: string): Promise<void> => {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    const subdirs: string[] = [];
    const stats: Array<Promise<fs.Stats>> = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) subdirs.push(full);
      else stats.push(fsp.stat(full));
    }
    files += (await Promise.all(stats)).length;
    for (const sub of subdirs) await walkDir(sub);
  };
  await walkDir(root);
  return files;
}

/** For comparison only: the same walk with the synchronous calls (no thread pool, no promises). */
function nodeWalkSync(root: string): Promise<number> {
  let files = 0;
  const walkDir = (dir: string): void => {
    const subdirs: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) subdirs.push(full);
      else {
        fs.statSync(full);
        files++;
      }
    }
    for (const sub of subdirs) walkDir(sub);
  };
  walkDir(root);
  return Promise.resolve(files);
}

/** A native walker that stats every file; output discarded. */
function findWalk(root: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('find', [root, '-type', 'f', '-printf', '%s %T@ %p\\n'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`find exited with ${code}: ${stderr.trim()}`))));
  });
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

// ---------------------------------------------------------------------------------------------
// report

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const rate = (files: number, ms: number): number => (files / ms) * 1000;
const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
const fmtMs = (ms: number): string => `${ms.toFixed(1)} ms`;
const fmtMb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function table(headers: string[], rows: string[][], alignRight: boolean[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    '| ' + cells.map((c, i) => (alignRight[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (alignRight[i] ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|';
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

interface Reference {
  label: string;
  short: string;
  run: (root: string) => Promise<unknown>;
  ms: number[];
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-scan-bench-'));
  const cleanup = (): void => {
    if (!options.keep) fs.rmSync(workDir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    cleanup();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const mediaRoot = path.join(workDir, 'media');
    fs.mkdirSync(mediaRoot);
    const t0 = performance.now();
    const tree = writeTree(mediaRoot, planTree(options.files, options.seed));
    const genMs = performance.now() - t0;

    console.log('Racoon library scan benchmark');
    console.log(
      `machine: ${os.cpus().length} cpu (${os.cpus()[0]?.model.trim() ?? '?'}), node ${process.version}, ${os.platform()} ${os.release()}, ` +
        `load average ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')} (other work on the box skews the numbers)`,
    );
    console.log(`tree: ${mediaRoot} (generated in ${fmtMs(genMs)}, seed ${options.seed})`);
    console.log(
      `  ${fmtInt(tree.total)} empty files in ${fmtInt(tree.dirs)} folders: ${fmtInt(tree.catalogued)} videos to catalogue, ` +
        `${fmtInt(tree.samples)} in Sample folders (must be ignored), ${fmtInt(tree.extras)} nfo/srt/jpg; ` +
        `${fmtInt(tree.cyrillic)} paths with Cyrillic`,
    );
    console.log(
      '  mix: ' +
        Object.entries(tree.byKind)
          .map(([k, n]) => `${k} ${fmtInt(n)}`)
          .join(', '),
    );
    console.log(
      `cache: WARM for every measurement (one warm-up find + Node walk first; OS caches are NOT dropped); ` +
        `${options.runs} runs each, median reported`,
    );
    console.log('files/s = ALL files in the tree / elapsed time (every walker visits the same entries)');
    console.log('');

    // warm-up: fill the dentry/inode caches and load the code paths
    await findWalk(mediaRoot);
    const walked = await nodeWalk(mediaRoot);
    if (walked !== tree.total) console.log(`WARNING: the Node walk found ${walked} files, expected ${tree.total}`);

    const refs: Reference[] =
      options.only === 'ours'
        ? []
        : [
            { label: 'ref (a) Node fs.promises readdir+stat', short: 'node walk', run: nodeWalk, ms: [] },
            { label: 'ref (b) find -type f -printf', short: 'find', run: findWalk, ms: [] },
            { label: '(info) Node readdirSync+statSync', short: 'sync walk', run: nodeWalkSync, ms: [] },
          ];
    const ours: OursRun[] = [];
    for (let run = 1; run <= options.runs; run++) {
      const parts: string[] = [];
      for (const ref of refs) {
        ref.ms.push(await timed(() => ref.run(mediaRoot)));
        parts.push(`${ref.short} ${fmtMs(ref.ms[run - 1])}`);
      }
      if (options.only !== 'refs') {
        const r = await measureOurs(mediaRoot, workDir, run);
        ours.push(r);
        parts.push(`our scan ${fmtMs(r.firstMs)}`, `our rescan ${fmtMs(r.rescanMs)}`);
      }
      console.log(`  run ${run}: ${parts.join(', ')}`);
    }
    console.log('');

    const total = tree.total;
    const spread = (values: number[]): string => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} ms`;
    const firstMs = ours.map((r) => r.firstMs);
    const rescanMs = ours.map((r) => r.rescanMs);
    const ourRate = ours.length > 0 ? rate(total, median(firstMs)) : NaN;
    const rescanRate = ours.length > 0 ? rate(total, median(rescanMs)) : NaN;
    const rows: string[][] = refs.map((ref) => {
      const refRate = rate(total, median(ref.ms));
      const ratio = (r: number): string => (Number.isNaN(r) ? '—' : `${(r / refRate).toFixed(2)}`);
      return [ref.label, fmtMs(median(ref.ms)), spread(ref.ms), fmtInt(refRate), ratio(ourRate), ratio(rescanRate)];
    });
    if (ours.length > 0) {
      rows.push(['OURS first scan (fresh DB)', fmtMs(median(firstMs)), spread(firstMs), fmtInt(ourRate), '', '']);
      rows.push(['OURS rescan (no change)', fmtMs(median(rescanMs)), spread(rescanMs), fmtInt(rescanRate), '', '']);
    }
    console.log(
      table(['measurement (warm cache)', 'median', 'range', 'files/s', 'ours scan / ref', 'ours rescan / ref'], rows, [
        false,
        true,
        true,
        true,
        true,
        true,
      ]),
    );
    console.log('');
    if (ours.length === 0) {
      console.log('scan: not measured (--only refs)');
      return;
    }

    // sanity: every scan must see exactly the catalogued videos, and the rescan must change nothing
    const problems: string[] = [];
    for (const [i, r] of ours.entries()) {
      if (r.first.filesSeen !== tree.catalogued || r.first.filesAdded !== tree.catalogued) {
        problems.push(
          `run ${i + 1}: first scan saw ${r.first.filesSeen} / added ${r.first.filesAdded}, expected ${tree.catalogued}`,
        );
      }
      const changed = r.rescan.filesAdded + r.rescan.filesUpdated + r.rescan.filesRemoved;
      if (changed !== 0 || r.rescan.filesSeen !== tree.catalogued) {
        problems.push(
          `run ${i + 1}: rescan saw ${r.rescan.filesSeen}, added ${r.rescan.filesAdded}, ` +
            `updated ${r.rescan.filesUpdated}, removed ${r.rescan.filesRemoved}`,
        );
      }
      if (r.first.errors.length > 0) problems.push(`run ${i + 1}: scan errors: ${r.first.errors.slice(0, 3).join('; ')}`);
    }
    const peakRss = Math.max(...ours.map((r) => r.peakRss));
    const baseRss = Math.min(...ours.map((r) => r.baseRss));
    console.log(
      `our scan: ${fmtInt(ours[0].first.filesSeen)} videos catalogued per run = ${fmtInt(rate(tree.catalogued, median(firstMs)))} videos/s ` +
        `(rescan ${fmtInt(rate(tree.catalogued, median(rescanMs)))} videos/s); catalogue ${fmtMb(ours[0].dbBytes)} on disk`,
    );
    if (problems.length > 0) {
      console.log('CORRECTNESS WARNINGS:');
      for (const p of problems) console.log(`  ${p}`);
    } else {
      console.log(
        `check: every first scan catalogued exactly the ${fmtInt(tree.catalogued)} videos (Sample folders and extras skipped); ` +
          'every rescan changed nothing',
      );
    }
    console.log(`peak RSS during our scans: ${fmtMb(peakRss)} (${fmtMb(baseRss)} before the scan, +${fmtMb(peakRss - baseRss)})`);
    const verdict = (r: number): string =>
      `${fmtInt(r)} files/s (goal >= ${fmtInt(GOAL_FILES_PER_SEC)} files/s): ${r >= GOAL_FILES_PER_SEC ? 'PASS' : 'FAIL'}`;
    console.log(`rescan: ${verdict(rescanRate)}`);
    console.log(`scan: ${verdict(ourRate)}`);
  } finally {
    cleanup();
    if (options.keep) console.log(`kept ${workDir}`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    // PASS/FAIL never changes the exit code (a report, not a gate); a crashed benchmark does
    console.error('benchmark failed:', err);
    process.exit(1);
  },
);
