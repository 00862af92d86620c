import { describe, expect, it } from 'vitest';
import { ControlActions, checkArguments } from './control-actions.js';
import { UpnpError, type BrowseRequest, type ContentDirectoryService, type SearchRequest } from './dlna-types.js';
import { GENERIC_RENDERER } from './renderer-quirks.js';
import { CONTENT_DIRECTORY, CONNECTION_MANAGER } from './service-descriptions.js';

/** A ContentDirectory that records what it was asked: the control layer's job is to pass checked arguments on. */
class RecordingDirectory implements ContentDirectoryService {
  browsed: BrowseRequest[] = [];
  searched: SearchRequest[] = [];
  browse(request: BrowseRequest) {
    this.browsed.push(request);
    if (request.objectId === 'missing') throw new UpnpError(701, 'No such object');
    return { didl: '<DIDL-Lite/>', numberReturned: 0, totalMatches: 0, updateId: 3 };
  }
  search(request: SearchRequest) {
    this.searched.push(request);
    return { didl: '<DIDL-Lite/>', numberReturned: 0, totalMatches: 0, updateId: 3 };
  }
  searchCapabilities = () => 'dc:title,upnp:class';
  sortCapabilities = () => 'dc:title';
  systemUpdateId = () => 9;
  onUpdate = () => () => undefined;
}

const context = { baseUrl: 'http://127.0.0.1:8200', client: GENERIC_RENDERER };
const browseAction = CONTENT_DIRECTORY.actions.find((a) => a.name === 'Browse')!;

function code(fn: () => unknown): number {
  try {
    fn();
  } catch (err) {
    if (err instanceof UpnpError) return err.code;
    throw err;
  }
  throw new Error('expected a UpnpError');
}

describe('checkArguments', () => {
  const base = {
    ObjectID: '0',
    BrowseFlag: 'BrowseDirectChildren',
    Filter: '*',
    StartingIndex: '0',
    RequestedCount: '10',
    SortCriteria: '',
  };

  it('fills what clients commonly leave out and normalises numbers', () => {
    expect(checkArguments(CONTENT_DIRECTORY, browseAction, { ObjectID: '0', BrowseFlag: 'BrowseMetadata' })).toEqual({
      ObjectID: '0',
      BrowseFlag: 'BrowseMetadata',
      Filter: '*',
      StartingIndex: '0',
      RequestedCount: '0',
      SortCriteria: '',
    });
    expect(checkArguments(CONTENT_DIRECTORY, browseAction, { ...base, StartingIndex: '+007' }).StartingIndex).toBe('7');
  });

  it.each([
    ['ObjectID missing', { ...base, ObjectID: undefined }],
    ['BrowseFlag missing', { ...base, BrowseFlag: undefined }],
    ['BrowseFlag not allowed', { ...base, BrowseFlag: 'BrowseEverything' }],
    ['negative RequestedCount', { ...base, RequestedCount: '-1' }],
    ['fractional StartingIndex', { ...base, StartingIndex: '1.5' }],
    ['RequestedCount beyond ui4', { ...base, RequestedCount: '4294967296' }],
    ['absurdly long number', { ...base, RequestedCount: '9'.repeat(40) }],
    ['words for a number', { ...base, StartingIndex: 'ten' }],
    ['empty number', { ...base, RequestedCount: '' }],
  ])('%s → 402', (_name, args) => {
    const given = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) as Record<string, string>;
    expect(code(() => checkArguments(CONTENT_DIRECTORY, browseAction, given))).toBe(402);
  });

  it('checks i4 arguments', () => {
    const info = CONNECTION_MANAGER.actions.find((a) => a.name === 'GetCurrentConnectionInfo')!;
    expect(checkArguments(CONNECTION_MANAGER, info, { ConnectionID: '-1' })).toEqual({ ConnectionID: '-1' });
    expect(code(() => checkArguments(CONNECTION_MANAGER, info, { ConnectionID: 'x' }))).toBe(402);
    expect(code(() => checkArguments(CONNECTION_MANAGER, info, { ConnectionID: '2147483648' }))).toBe(402);
  });
});

describe('ControlActions', () => {
  it('passes a checked Browse on and answers its outputs in the SCPD order', () => {
    const directory = new RecordingDirectory();
    const outcome = new ControlActions(directory).run(
      'cds',
      'Browse',
      {
        ObjectID: 'movies',
        BrowseFlag: 'BrowseDirectChildren',
        StartingIndex: '20',
        RequestedCount: '200',
        SortCriteria: '-dc:date',
      },
      context,
    );
    expect(outcome.values).toEqual([
      ['Result', '<DIDL-Lite/>'],
      ['NumberReturned', 0],
      ['TotalMatches', 0],
      ['UpdateID', 3],
    ]);
    expect(directory.browsed[0]).toEqual({
      objectId: 'movies',
      flag: 'BrowseDirectChildren',
      filter: '*',
      startingIndex: 20,
      requestedCount: 200,
      sortCriteria: '-dc:date',
      baseUrl: context.baseUrl,
      client: GENERIC_RENDERER,
    });
  });

  it('passes Search on with its container and criteria', () => {
    const directory = new RecordingDirectory();
    new ControlActions(directory).run('cds', 'Search', { ContainerID: '0', SearchCriteria: 'dc:title contains "x"' }, context);
    expect(directory.searched[0]).toMatchObject({ containerId: '0', searchCriteria: 'dc:title contains "x"', requestedCount: 0 });
  });

  it('answers the capability, update id, connection and registrar actions', () => {
    const actions = new ControlActions(new RecordingDirectory());
    expect(actions.run('cds', 'GetSearchCapabilities', {}, context).values).toEqual([['SearchCaps', 'dc:title,upnp:class']]);
    expect(actions.run('cds', 'GetSortCapabilities', {}, context).values).toEqual([['SortCaps', 'dc:title']]);
    expect(actions.run('cds', 'GetSystemUpdateID', {}, context).values).toEqual([['Id', 9]]);
    const [source, sink] = actions.run('cms', 'GetProtocolInfo', {}, context).values;
    expect(source[0]).toBe('Source');
    expect(String(source[1])).toContain('http-get:*:video/mp4:*');
    expect(String(source[1])).toContain('http-get:*:video/x-matroska:*');
    expect(sink).toEqual(['Sink', '']);
    expect(actions.run('cms', 'GetCurrentConnectionIDs', {}, context).values).toEqual([['ConnectionIDs', '0']]);
    expect(actions.run('cms', 'GetCurrentConnectionInfo', { ConnectionID: '0' }, context).values).toContainEqual([
      'Status',
      'OK',
    ]);
    expect(code(() => actions.run('cms', 'GetCurrentConnectionInfo', { ConnectionID: '5' }, context))).toBe(706);
    expect(actions.run('mrr', 'IsAuthorized', { DeviceID: '' }, context).values).toEqual([['Result', 1]]);
    expect(actions.run('mrr', 'IsValidated', { DeviceID: 'xbox' }, context).values).toEqual([['Result', 1]]);
    expect(actions.run('cds', 'X_GetFeatureList', {}, context).values[0][1]).toContain('samsung.com_BASICVIEW');
  });

  it('refuses unknown actions (401), including Object property names and other services’ actions', () => {
    const actions = new ControlActions(new RecordingDirectory());
    for (const name of ['DestroyObject', 'constructor', 'toString', 'GetProtocolInfo']) {
      expect(
        code(() => actions.run('cds', name, {}, context)),
        name,
      ).toBe(401);
    }
  });

  it("lets the ContentDirectory's own errors through", () => {
    const actions = new ControlActions(new RecordingDirectory());
    expect(code(() => actions.run('cds', 'Browse', { ObjectID: 'missing', BrowseFlag: 'BrowseMetadata' }, context))).toBe(701);
  });
});
