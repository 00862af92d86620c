import { describe, expect, it } from 'vitest';
import { DEFAULT_SOURCES, folderContainerId, RECENT_LIMIT } from './content-sources.js';
import { buildContentTree, nodeProperty, type ContainerNode, type ContentSnapshot, type TreeNode } from './content-tree.js';
import { H264_AAC_MP4, indexEntry, realisticIndex, syntheticMovies } from './media-index.test-support.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

function container(snapshot: ContentSnapshot, id: string): ContainerNode {
  const node = snapshot.find(id);
  if (!node || node.kind !== 'container') throw new Error(`${id} is not a container`);
  return node;
}

const shape = (nodes: readonly TreeNode[]) => nodes.map((n) => [n.id, n.title]);

describe('content tree from a realistic library', () => {
  const snapshot = buildContentTree(realisticIndex(), DEFAULT_SOURCES);

  it('lists Movies, Series, Recently added and Folders under the root', () => {
    expect(snapshot.root).toMatchObject({ id: '0', parentId: '-1', upnpClass: 'object.container' });
    expect(shape(snapshot.root.children)).toEqual([
      ['movies', 'Movies'],
      ['series', 'Series'],
      ['recent', 'Recently added'],
      ['folders', 'Folders'],
    ]);
    expect(snapshot.root.children.every((c) => c.parentId === '0')).toBe(true);
  });

  it('lists movies by title, as items of class movie under "movies"', () => {
    const movies = container(snapshot, 'movies');
    expect(shape(movies.children)).toEqual([
      ['movies/f/1', 'Alien'],
      ['movies/f/2', 'Blade Runner'],
      ['movies/f/3', 'Dune'],
      ['movies/f/7', 'Heat & Dust <1983>'],
      ['movies/f/8', 'Unprobed'],
    ]);
    expect(movies.children.every((c) => c.parentId === 'movies' && c.upnpClass === 'object.item.videoItem.movie')).toBe(true);
  });

  it('nests series → seasons → episodes, a multi-episode file once at its first episode', () => {
    expect(shape(container(snapshot, 'series').children)).toEqual([['series/20', 'Breaking Bad']]);
    expect(shape(container(snapshot, 'series/20').children)).toEqual([
      ['series/20/s1', 'Season 1'],
      ['series/20/s2', 'Season 2'],
    ]);
    const season1 = container(snapshot, 'series/20/s1');
    expect(season1.parentId).toBe('series/20');
    expect(shape(season1.children)).toEqual([
      ['series/20/s1/f/4', 'S01E01 · Pilot'],
      ['series/20/s1/f/5', "S01E02-E03 · Cat's in the Bag"],
    ]);
    const multi = snapshot.find('series/20/s1/f/5');
    expect(multi).toMatchObject({ parentId: 'series/20/s1', upnpClass: 'object.item.videoItem' });
    expect(multi?.kind === 'item' && multi.file.episode).toEqual({
      seriesTitle: 'Breaking Bad',
      season: 1,
      number: 2,
      lastNumber: 3,
      title: "Cat's in the Bag",
    });
    expect(shape(container(snapshot, 'series/20/s2').children)).toEqual([['series/20/s2/f/6', 'S02E01 · Seven Thirty-Seven']]);
  });

  it('lists recently added files newest first, episodes with their series', () => {
    expect(shape(container(snapshot, 'recent').children)).toEqual([
      ['recent/f/8', 'Unprobed'],
      ['recent/f/7', 'Heat & Dust <1983>'],
      ['recent/f/6', 'Breaking Bad · S02E01 · Seven Thirty-Seven'],
      ['recent/f/5', "Breaking Bad · S01E02-E03 · Cat's in the Bag"],
      ['recent/f/4', 'Breaking Bad · S01E01 · Pilot'],
      ['recent/f/3', 'Dune'],
      ['recent/f/2', 'Blade Runner'],
      ['recent/f/1', 'Alien'],
    ]);
  });

  it('shows each media folder as on disk: subfolders first, then files, by name', () => {
    expect(shape(container(snapshot, 'folders').children)).toEqual([
      ['folders/1', 'Library'],
      ['folders/2', 'Other'],
    ]);
    const library = container(snapshot, 'folders/1');
    expect(library.upnpClass).toBe('object.container.storageFolder');
    expect(shape(library.children)).toEqual([
      [`folders/1/${b64('Breaking Bad')}`, 'Breaking Bad'],
      [`folders/1/${b64('Sci-Fi')}`, 'Sci-Fi'],
      ['folders/1/f/1', 'Alien (1979)'],
      ['folders/1/f/8', 'Unprobed'],
    ]);
    const show = container(snapshot, `folders/1/${b64('Breaking Bad')}`);
    expect(show.parentId).toBe('folders/1');
    expect(shape(show.children)).toEqual([
      [`folders/1/${b64('Breaking Bad/Season 1')}`, 'Season 1'],
      [`folders/1/${b64('Breaking Bad/Season 2')}`, 'Season 2'],
    ]);
    const season1 = container(snapshot, folderContainerId(1, 'Breaking Bad/Season 1'));
    expect(season1.parentId).toBe(show.id);
    expect(shape(season1.children)).toEqual([
      [`${season1.id}/f/4`, 'Breaking.Bad.S01E01.Pilot'],
      [`${season1.id}/f/5`, 'Breaking.Bad.S01E02E03'],
    ]);
    expect(shape(container(snapshot, 'folders/2').children)).toEqual([['folders/2/f/7', 'Heat & Dust']]);
  });

  it('keeps "videos" (every video once) reachable but out of the root', () => {
    const videos = container(snapshot, 'videos');
    expect(videos.parentId).toBe('0');
    expect(videos.children).toHaveLength(8);
    expect(videos.children.map((c) => c.title)).toContain('Breaking Bad · S01E01 · Pilot');
  });

  it('answers each object by its id, with the parent it was reached through', () => {
    for (const id of ['movies/f/1', 'recent/f/1', 'folders/1/f/1', 'videos/f/1']) {
      const node = snapshot.find(id);
      expect(node?.kind).toBe('item');
      expect(node?.parentId).toBe(id.slice(0, id.lastIndexOf('/f/')));
    }
    expect(snapshot.find('movies/f/4')).toBeNull();
    expect(snapshot.find('nope')).toBeNull();
  });

  it('finds matches below a container depth-first, each file once', () => {
    const videoItems = snapshot.search(snapshot.root, (n) => n.kind === 'item');
    expect(videoItems.map((n) => n.id)).toEqual([
      'movies/f/1',
      'movies/f/2',
      'movies/f/3',
      'movies/f/7',
      'movies/f/8',
      'series/20/s1/f/4',
      'series/20/s1/f/5',
      'series/20/s2/f/6',
    ]);
    const containers = snapshot.search(container(snapshot, 'series'), (n) => n.kind === 'container');
    expect(containers.map((n) => n.id)).toEqual(['series/20', 'series/20/s1', 'series/20/s2']);
  });

  it('gives search and sort properties', () => {
    const episode = snapshot.find('series/20/s1/f/5')!;
    expect(nodeProperty(episode, 'upnp:episodeNumber')).toEqual([2]);
    expect(nodeProperty(episode, 'upnp:episodeSeason')).toEqual([1]);
    expect(nodeProperty(episode, 'upnp:seriesTitle')).toEqual(['Breaking Bad']);
    expect(nodeProperty(episode, 'dc:date')).toBeNull();
    expect(nodeProperty(episode, '@refID')).toBeNull();
    const movie = snapshot.find('movies/f/1')!;
    expect(nodeProperty(movie, 'dc:date')).toEqual(['1979-01-01']);
    expect(nodeProperty(movie, 'res@duration')).toEqual([7023.25]);
    expect(nodeProperty(movie, 'res@size')).toEqual([1_000_000_001]);
    expect(nodeProperty(snapshot.root, 'dc:title')).toEqual(['Racoon']);
    expect(nodeProperty(snapshot.root, 'res@size')).toBeNull();
  });
});

describe('content tree edge cases', () => {
  it('tells same-titled movies apart by year, then by file name', () => {
    const snapshot = buildContentTree(
      [
        indexEntry({
          fileId: 1,
          path: '/media/Library/Dune.1984.mkv',
          item: { id: 1, type: 'movie', title: 'Dune', year: 1984 },
        }),
        indexEntry({
          fileId: 2,
          path: '/media/Library/Dune.2021.1080p.mkv',
          item: { id: 2, type: 'movie', title: 'Dune', year: 2021 },
        }),
        indexEntry({
          fileId: 3,
          path: '/media/Library/Dune.2021.2160p.mkv',
          item: { id: 2, type: 'movie', title: 'Dune', year: 2021 },
        }),
      ],
      DEFAULT_SOURCES,
    );
    expect(shape(container(snapshot, 'movies').children)).toEqual([
      ['movies/f/1', 'Dune (1984)'],
      ['movies/f/2', 'Dune (2021) · Dune.2021.1080p'],
      ['movies/f/3', 'Dune (2021) · Dune.2021.2160p'],
    ]);
  });

  it('puts specials after the seasons and numberless files by name', () => {
    const show = { id: 5, type: 'series' as const, title: 'Doctor Who', year: 2005 };
    const snapshot = buildContentTree(
      [
        indexEntry({
          fileId: 1,
          path: '/m/DW/Specials/Christmas.mkv',
          item: show,
          episodes: [{ season: 0, number: 1, title: 'Christmas' }],
        }),
        indexEntry({
          fileId: 2,
          path: '/m/DW/Season 2/DW.S02E10.mkv',
          item: show,
          episodes: [{ season: 2, number: 10, title: null }],
        }),
        indexEntry({
          fileId: 3,
          path: '/m/DW/Season 2/DW.S02E09.mkv',
          item: show,
          episodes: [{ season: 2, number: 9, title: null }],
        }),
        indexEntry({
          fileId: 4,
          path: '/m/DW/Season 2/Behind the scenes.mkv',
          item: show,
          episodes: [{ season: 2, number: 0, title: null }],
        }),
      ],
      DEFAULT_SOURCES,
    );
    expect(shape(container(snapshot, 'series/5').children)).toEqual([
      ['series/5/s2', 'Season 2'],
      ['series/5/s0', 'Specials'],
    ]);
    expect(shape(container(snapshot, 'series/5/s2').children)).toEqual([
      ['series/5/s2/f/4', 'Behind the scenes'],
      ['series/5/s2/f/3', 'S02E09'],
      ['series/5/s2/f/2', 'S02E10'],
    ]);
  });

  it('names two media folders with the same name by their paths; a file outside its folder sits at the top', () => {
    const movie = (fileId: number, rootId: number, rootPath: string, file: string) =>
      indexEntry({ fileId, rootId, rootPath, path: file, item: { id: fileId, type: 'movie', title: `M${fileId}`, year: null } });
    const snapshot = buildContentTree(
      [
        movie(1, 1, '/a/Movies', '/a/Movies/x.mp4'),
        movie(2, 2, '/b/Movies', '/b/Movies/y.mp4'),
        movie(3, 2, '/b/Movies', '/elsewhere/z.mp4'),
      ],
      DEFAULT_SOURCES,
    );
    expect(shape(container(snapshot, 'folders').children)).toEqual([
      ['folders/1', '/a/Movies'],
      ['folders/2', '/b/Movies'],
    ]);
    expect(shape(container(snapshot, 'folders/2').children)).toEqual([
      ['folders/2/f/2', 'y'],
      ['folders/2/f/3', 'z'],
    ]);
  });

  it('classes an audio-only file as audio and keeps it out of "videos"', () => {
    const snapshot = buildContentTree(
      [
        indexEntry({
          fileId: 1,
          path: '/media/Library/Soundtrack.mkv',
          item: { id: 1, type: 'movie', title: 'Soundtrack', year: null },
          probe: { ...H264_AAC_MP4, video: null },
        }),
      ],
      DEFAULT_SOURCES,
    );
    expect(snapshot.find('movies/f/1')?.upnpClass).toBe('object.item.audioItem');
    expect(container(snapshot, 'videos').children).toHaveLength(0);
  });

  it('keeps only the newest files in "Recently added" and builds a 10,000-file library quickly', () => {
    const started = performance.now();
    const snapshot = buildContentTree(syntheticMovies(10_000), DEFAULT_SOURCES);
    const elapsed = performance.now() - started;
    const recent = container(snapshot, 'recent');
    expect(recent.children).toHaveLength(RECENT_LIMIT);
    expect(recent.children[0].id).toBe('recent/f/10000');
    expect(container(snapshot, 'movies').children).toHaveLength(10_000);
    expect(container(snapshot, 'folders/1').children).toHaveLength(10_000);
    // generous: a loaded 2-core CI machine; the real figure is far lower
    expect(elapsed).toBeLessThan(5_000);
  });

  it('is empty but complete for an empty library', () => {
    const snapshot = buildContentTree([], DEFAULT_SOURCES);
    expect(snapshot.root.children).toHaveLength(4);
    expect(snapshot.root.children.every((c) => c.kind === 'container' && c.children.length === 0)).toBe(true);
  });

  it('keeps at most 64 remembered results, dropping the oldest', () => {
    const snapshot = buildContentTree([], DEFAULT_SOURCES);
    let computed = 0;
    for (let i = 0; i < 70; i++) snapshot.memo(`k${i}`, () => ++computed);
    expect(snapshot.memo('k69', () => -1)).toBe(70);
    expect(snapshot.memo('k0', () => -1)).toBe(-1);
  });
});
