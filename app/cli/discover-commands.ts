import type { Command } from 'commander';
import type { MediaKind, MetadataProviderId } from '../api/api-types.js';
import { UserError } from '../core/user-error.js';
import type { DiscoveryService } from '../discovery/discovery-service.js';
import { formatReleaseTable, formatTitleHits } from './discover-table.js';

/** Runs work with the data directory's discovery service (settings, keys and cache of that directory). */
export type WithDiscovery = <T>(options: { data?: string }, work: (discovery: DiscoveryService) => Promise<T>) => Promise<T>;

const ID_RE = /^(tmdb|omdb):(movie|series):([A-Za-z0-9_-]{1,40})$/u;
const int = (what: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UserError(`${what} must be a whole number, not "${value}"`);
  return n;
};
const kindOption = (value: string): MediaKind => {
  if (value !== 'movie' && value !== 'series') throw new UserError(`--kind is movie or series, not "${value}"`);
  return value;
};

/** `racoon search` and `racoon releases`: what the Search page does, from a terminal. */
export function registerDiscoverCommands(program: Command, withDiscovery: WithDiscovery): void {
  program
    .command('search <title...>')
    .description('find a movie or series on the configured metadata providers (TMDB, OMDb)')
    .option('--data <dir>', 'data directory (its settings and API keys)')
    .option('--kind <kind>', 'movie or series', kindOption)
    .option('--year <year>', 'release year', int('--year'))
    .option('--json', 'print the answer as JSON')
    .action(async (words: string[], options: { data?: string; kind?: MediaKind; year?: number; json?: boolean }) => {
      const result = await withDiscovery(options, (d) =>
        d.searchTitles(words.join(' '), { kind: options.kind, year: options.year }),
      );
      process.stdout.write(`${options.json ? JSON.stringify(result, null, 2) : formatTitleHits(result)}\n`);
    });

  program
    .command('releases [title...]')
    .description("a title's releases on the configured indexers, ranked by a release profile with the reasons")
    .option('--data <dir>', 'data directory (its settings and API keys)')
    .option('--id <ref>', 'the title as `racoon search` lists it (tmdb:movie:603) instead of searching by name')
    .option('--kind <kind>', 'movie or series (when searching by name)', kindOption)
    .option('--season <n>', 'one season of a series', int('--season'))
    .option('--episode <n>', 'one episode of that season', int('--episode'))
    .option('--profile <name>', 'release profile (default: the one in settings)')
    .option('--json', 'print the answer as JSON')
    .action(
      async (
        words: string[],
        options: {
          data?: string;
          id?: string;
          kind?: MediaKind;
          season?: number;
          episode?: number;
          profile?: string;
          json?: boolean;
        },
      ) => {
        const result = await withDiscovery(options, async (d) => {
          let ref: { provider: MetadataProviderId; kind: MediaKind; id: string };
          if (options.id) {
            const m = ID_RE.exec(options.id);
            if (!m) throw new UserError(`--id looks like tmdb:movie:603 or omdb:series:tt0903747, not "${options.id}"`);
            ref = { provider: m[1] as MetadataProviderId, kind: m[2] as MediaKind, id: m[3]! };
          } else {
            if (words.length === 0) throw new UserError('Give a title or --id');
            const hit = (await d.searchTitles(words.join(' '), { kind: options.kind })).hits[0];
            if (!hit) throw new UserError(`No title found for "${words.join(' ')}"`);
            ref = { provider: hit.provider, kind: hit.kind, id: hit.id };
          }
          return d.releases(ref, { season: options.season, episode: options.episode, profile: options.profile });
        });
        process.stdout.write(`${options.json ? JSON.stringify(result, null, 2) : formatReleaseTable(result)}\n`);
      },
    );
}
