/**
 * Release-title parser benchmark (a report, not a test: `npm run bench:parse [-- --titles N --runs N --seed N]`).
 *
 * 1. Generates a deterministic (seeded) list of titles in the forms indexers return: scene movies and episodes,
 *    rutracker movies and seasons, rutor `… | Studio`, kinozal `Title / Title / 2019 / ПМ / BDRip`, music albums.
 *    Each title is generated with the answer it must parse to (year, quality, source, seasons, type).
 * 2. Times OUR parser over all of them, and in the same run a REFERENCE: the same titles through a trivial regex
 *    tokenizer (`title.split(/[ ._\-[\]()|/]+/)`), the floor of any parser that looks at every title once.
 * Every measurement runs --runs times (default 5) after a warm-up; the median is reported.
 * Also reports how many generated answers the parser got right (a correctness check on the same data).
 * Exits 0 whatever the result; prints FAIL when our median is below the goal.
 */
import { performance } from 'node:perf_hooks';
import { parseReleaseTitle } from '../app/discovery/release-title-parser.js';
import type { ParsedRelease } from '../app/discovery/release-types.js';

const GOAL_TITLES_PER_SEC = 50_000;

interface Options {
  titles: number;
  runs: number;
  seed: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { titles: 100_000, runs: 5, seed: 42 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split('=', 2) : [argv[i], undefined];
    const value = Number(inline ?? argv[++i]);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} needs a positive integer`);
    if (flag === '--titles') options.titles = value;
    else if (flag === '--runs') options.runs = value;
    else if (flag === '--seed') options.seed = value;
    else throw new Error(`unknown option ${flag} (--titles N, --runs N, --seed N)`);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// deterministic titles

/** mulberry32: tiny, fast, good enough for picking words. */
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

const EN = (
  'night dark river city star empire ghost shadow winter summer blood iron glass silent broken last lost first ' +
  'golden black storm fire ice stone wolf dragon king queen house garden road bridge island ocean desert ' +
  'mountain forest valley harbor station signal machine dream memory secret promise letter song hunter doctor'
).split(' ');
const RU = (
  'ночь тьма река город звезда зима лето кровь тишина дорога дом сад мост остров море пустыня гора лес долина ' +
  'гавань станция сигнал код мечта память тайна обещание письмо песня охотник доктор следователь агент брат'
).split(' ');
const GROUPS = ['SPARKS', 'NTb', 'FLUX', 'CMRG', 'RARBG', 'EVO', 'LOL', 'KILLERS', 'FGT', 'DON', 'SWTYBLZ'];
const STUDIOS = ['LostFilm', 'NewStudio', 'Кубик в Кубе', 'AlexFilm', 'HDrezka Studio', 'Jaskier', 'TVShows', 'Amedia'];
const QUALITIES = ['2160p', '1080p', '720p', '480p'] as const;
/** [spelling, what it parses to] */
const SCENE_SOURCES = [
  ['BluRay', 'BluRay'],
  ['WEB-DL', 'WEB-DL'],
  ['WEBRip', 'WEBRip'],
  ['HDTV', 'HDTV'],
  ['BDRip', 'BDRip'],
] as const;
const RU_SOURCES = [
  ['BDRip', 'BDRip'],
  ['WEB-DLRip', 'WEBRip'],
  ['WEB-DL', 'WEB-DL'],
  ['BDRemux', 'BluRay'],
  ['HDTVRip', 'HDTV'],
] as const;
const SCENE_TAILS = ['x264', 'H.264', 'x265', 'HEVC', 'DDP5.1.H.264', 'DTS-HD.MA.5.1.x264', 'AAC2.0.H.264', 'HDR.HEVC'];

interface Generated {
  title: string;
  year: number | null;
  quality: ParsedRelease['quality'];
  source: ParsedRelease['source'];
  seasons: number;
  type: ParsedRelease['type'];
}

function generate(count: number, seed: number): Generated[] {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const words = (list: string[], n: number) => Array.from({ length: n }, () => pick(list));
  const cap = (w: string) => w[0].toUpperCase() + w.slice(1);
  const enTitle = () => words(EN, int(1, 4)).map(cap).join(' ');
  const ruTitle = () => cap(words(RU, int(1, 3)).join(' '));
  const pad = (n: number) => String(n).padStart(2, '0');
  const out: Generated[] = [];
  while (out.length < count) {
    const year = int(1950, 2024);
    const quality = pick(QUALITIES);
    const kind = rnd();
    if (kind < 0.25) {
      const [spelling, source] = pick(SCENE_SOURCES);
      const name = enTitle().replace(/ /g, '.');
      const title = `${name}.${year}.${quality}.${spelling}.${pick(SCENE_TAILS)}-${pick(GROUPS)}`;
      out.push({ title, year, quality, source, seasons: 0, type: 'movie' });
    } else if (kind < 0.45) {
      const [spelling, source] = pick(SCENE_SOURCES);
      const season = int(1, 12);
      const episode = `S${pad(season)}E${pad(int(1, 24))}`;
      const title = `${enTitle().replace(/ /g, '.')}.${episode}.${quality}.${spelling}.${pick(SCENE_TAILS)}-${pick(GROUPS)}`;
      out.push({ title, year: null, quality, source, seasons: 1, type: 'series' });
    } else if (kind < 0.6) {
      const [spelling, source] = pick(RU_SOURCES);
      const voices = pick(['Dub', 'Dub + MVO', 'MVO + AVO (Гоблин)', 'Dub + Original Eng + Sub Rus, Eng']);
      const title = `${ruTitle()} / ${enTitle()} (Режиссёр / Director) [${year}, США, драма, ${spelling} ${quality}] ${voices}`;
      out.push({ title, year, quality, source, seasons: 0, type: 'movie' });
    } else if (kind < 0.75) {
      const [spelling, source] = pick(RU_SOURCES);
      const [first, last] = [int(1, 3), int(4, 8)];
      const episodes = int(6, 24) * (last - first + 1);
      const title =
        `${ruTitle()} / ${enTitle()} / Сезон: ${first}-${last} / Серии: 1-${episodes} из ${episodes} ` +
        `[${year}-${year + last - first}, США, ${spelling} ${quality}] MVO (${pick(STUDIOS)})`;
      out.push({ title, year, quality, source, seasons: last - first + 1, type: 'series' });
    } else if (kind < 0.87) {
      const [spelling, source] = pick(RU_SOURCES);
      const last = int(2, 6);
      const years = `${year}-${year + last}`;
      const title = `${ruTitle()} / ${enTitle()} [S01-${pad(last)}] (${years}) ${spelling} ${quality} | ${pick(STUDIOS)}`;
      out.push({ title, year, quality, source, seasons: last, type: 'series' });
    } else if (kind < 0.95) {
      const [spelling, source] = pick(RU_SOURCES);
      const seasons = int(1, 5);
      const title =
        `${ruTitle()} (1-${seasons} сезоны: 1-${seasons * 10} серии из ${seasons * 10}) / ${enTitle()} / ` +
        `${year} / ПМ (${pick(STUDIOS)}), СТ / ${spelling} (${quality})`;
      out.push({ title, year, quality, source, seasons, type: 'series' });
    } else {
      const title = `${enTitle()} - ${enTitle()} (${year}) [${pick(['FLAC', 'MP3, 320 kbps', 'FLAC|Lossless|tracks'])}]`;
      out.push({ title, year, quality: null, source: null, seasons: 0, type: 'music' });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// measurement

const REFERENCE_RE = /[ ._\-[\]()|/]+/;

/** Runs `work` over every title; returns titles/s and a checksum that keeps the work from being optimised away. */
function measure(titles: string[], work: (title: string) => number): { rate: number; sum: number } {
  let sum = 0;
  const started = performance.now();
  for (const title of titles) sum += work(title);
  const seconds = (performance.now() - started) / 1000;
  return { rate: titles.length / seconds, sum };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const generated = generate(options.titles, options.seed);
  const titles = generated.map((g) => g.title);
  const ours = (title: string) => parseReleaseTitle(title).titles.length;
  const reference = (title: string) => title.split(REFERENCE_RE).length;

  console.log('Racoon release-title parser benchmark');
  console.log(`titles: ${fmtInt(titles.length)} generated (seed ${options.seed}), ${options.runs} runs, median reported`);
  console.log(`examples:\n  ${titles.slice(0, 6).join('\n  ')}`);
  console.log('');

  // warm-up: let V8 compile both loops and the parser's regexes before timing
  measure(titles.slice(0, 20_000), ours);
  measure(titles.slice(0, 20_000), reference);
  const ourRates: number[] = [];
  const refRates: number[] = [];
  for (let run = 1; run <= options.runs; run++) {
    const a = measure(titles, ours);
    const b = measure(titles, reference);
    ourRates.push(a.rate);
    refRates.push(b.rate);
    console.log(`  run ${run}: ours ${fmtInt(a.rate)} titles/s, reference tokenizer ${fmtInt(b.rate)} titles/s`);
  }

  const wrong = { year: 0, quality: 0, source: 0, seasons: 0, type: 0 };
  for (const g of generated) {
    const r = parseReleaseTitle(g.title);
    if (r.year !== g.year) wrong.year++;
    if (r.quality !== g.quality) wrong.quality++;
    if (r.source !== g.source) wrong.source++;
    if (r.seasons.length !== g.seasons) wrong.seasons++;
    if (r.type !== g.type) wrong.type++;
  }
  const ourRate = median(ourRates);
  const refRate = median(refRates);
  console.log('');
  const correct = Object.entries(wrong).map(([field, n]) => `${field} ${((1 - n / generated.length) * 100).toFixed(2)}%`);
  console.log(`correct answers: ${correct.join(', ')}`);
  console.log(`reference (split on separators only): ${fmtInt(refRate)} titles/s`);
  console.log(`ours/reference: ${(ourRate / refRate).toFixed(3)} (the reference extracts nothing; it is the floor)`);
  const verdict = ourRate >= GOAL_TITLES_PER_SEC ? 'PASS' : 'FAIL';
  console.log(`parse: ${fmtInt(ourRate)} titles/s (goal >= ${fmtInt(GOAL_TITLES_PER_SEC)} titles/s): ${verdict}`);
}

main();
