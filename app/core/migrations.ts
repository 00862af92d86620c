// Numbered schema migrations. Append only: never edit a migration that has shipped.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users-and-sessions',
    sql: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,
        is_admin INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        expires_at TEXT NOT NULL,
        label TEXT
      );
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'library',
    sql: `
      CREATE TABLE library_roots (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL DEFAULT 'unscanned',
        error TEXT,
        last_scan_at TEXT,
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
      );
      CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('movie','series')),
        title TEXT NOT NULL,
        year INTEGER,
        -- identity used to merge files of the same movie/series: lower-cased title + year
        match_key TEXT NOT NULL,
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        UNIQUE (type, match_key)
      );
      CREATE TABLE seasons (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        UNIQUE (item_id, number)
      );
      CREATE TABLE episodes (
        id INTEGER PRIMARY KEY,
        season_id INTEGER NOT NULL REFERENCES seasons(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        title TEXT,
        UNIQUE (season_id, number)
      );
      CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        root_id INTEGER NOT NULL REFERENCES library_roots(id) ON DELETE CASCADE,
        path TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        item_id INTEGER NOT NULL REFERENCES items(id),
        probe TEXT,
        probe_error TEXT,
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
      );
      CREATE INDEX files_item ON files(item_id);
      CREATE INDEX files_root ON files(root_id);
      CREATE INDEX files_unprobed ON files(id) WHERE probe IS NULL AND probe_error IS NULL;
      -- a file may hold several episodes (S01E01E02)
      CREATE TABLE file_episodes (
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
        PRIMARY KEY (file_id, episode_id)
      );
      CREATE INDEX file_episodes_episode ON file_episodes(episode_id);
    `,
  },
  {
    version: 3,
    name: 'downloads',
    sql: `
      -- times are ms since the epoch; sizes are bytes
      CREATE TABLE downloads (
        id INTEGER PRIMARY KEY,
        info_hash TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL DEFAULT '',
        source_kind TEXT NOT NULL CHECK (source_kind IN ('magnet','torrent')),
        magnet TEXT,
        -- the .torrent bytes, or the metadata once a magnet resolved: a restart does not depend on peers for it
        torrent BLOB,
        state TEXT NOT NULL DEFAULT 'queued'
          CHECK (state IN ('queued','downloading','paused','stalled','seeding','completed','failed')),
        user_paused INTEGER NOT NULL DEFAULT 0,
        queue_position INTEGER NOT NULL,
        added_at INTEGER NOT NULL,
        completed_at INTEGER,
        seeding_since INTEGER,
        last_progress_at INTEGER NOT NULL,
        downloaded INTEGER NOT NULL DEFAULT 0,
        uploaded INTEGER NOT NULL DEFAULT 0,
        size INTEGER NOT NULL DEFAULT 0,
        reason TEXT,
        selected_files TEXT,
        ratio_limit REAL,
        seeding_time_limit_min REAL,
        imported TEXT
      );
      CREATE TABLE download_blocklist (
        info_hash TEXT PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
      );
    `,
  },
  {
    version: 4,
    name: 'download-sequential-mode',
    sql: `ALTER TABLE downloads ADD COLUMN sequential INTEGER NOT NULL DEFAULT 1;`,
  },
  {
    version: 5,
    name: 'download-speed-limits',
    // per-download caps in KiB/s on top of the global ones; NULL = no cap of its own
    sql: `ALTER TABLE downloads ADD COLUMN download_limit_kibps INTEGER;
          ALTER TABLE downloads ADD COLUMN upload_limit_kibps INTEGER;`,
  },
  {
    version: 6,
    name: 'metadata-cache',
    // provider answers (searches, details) as JSON; expires_at is ms since the epoch, indexed for pruning
    sql: `CREATE TABLE metadata_cache (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at INTEGER NOT NULL);
          CREATE INDEX metadata_cache_expires ON metadata_cache(expires_at);`,
  },
  {
    version: 7,
    name: 'download-title-link',
    // the catalogue title a download was grabbed for (JSON: provider, kind, id, title, year): its import is named from it
    sql: `ALTER TABLE downloads ADD COLUMN title_json TEXT;`,
  },
  {
    version: 8,
    name: 'transcode-jobs',
    // ffmpeg jobs (profile transcodes, clip exports); a job 'running' when the engine stopped is queued again at start.
    // offset/duration in seconds (a clip), size in bytes, progress 0..100; file_id links a library file while it exists
    sql: `
      CREATE TABLE transcode_jobs (
        id INTEGER PRIMARY KEY,
        source_path TEXT NOT NULL,
        file_id INTEGER REFERENCES files(id) ON DELETE SET NULL,
        profile TEXT NOT NULL,
        offset_sec REAL,
        duration_sec REAL,
        output_path TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','running','done','failed','cancelled')),
        progress REAL NOT NULL DEFAULT 0,
        error TEXT,
        encoder TEXT,
        size INTEGER,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        started_at TEXT,
        finished_at TEXT
      );
      CREATE INDEX transcode_jobs_state ON transcode_jobs(state);
    `,
  },
  {
    version: 9,
    name: 'watch-state',
    // per user: a movie (season = episode = -1) or one episode, played and/or a resume point (seconds).
    // Keyed by the item's identity (type + match_key) and the episode's numbers, not by catalogue ids: the catalogue drops
    // an item whose last file goes away (a rename seen by the watcher is unlink + add, an upgraded release is delete +
    // import) and re-creates it with a new id, and watch state must survive that. file_id only says which file a
    // position was taken in (no foreign key: files come and go).
    sql: `
      CREATE TABLE watch_state (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        item_type TEXT NOT NULL CHECK (item_type IN ('movie','series')),
        item_key TEXT NOT NULL,
        season INTEGER NOT NULL,
        episode INTEGER NOT NULL,
        played INTEGER NOT NULL DEFAULT 0,
        play_count INTEGER NOT NULL DEFAULT 0,
        position_sec REAL,
        duration_sec REAL,
        file_id INTEGER,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (user_id, item_type, item_key, season, episode)
      ) WITHOUT ROWID;
      CREATE INDEX watch_state_resume ON watch_state(user_id, updated_at) WHERE position_sec IS NOT NULL;
    `,
  },
  {
    version: 10,
    name: 'cameras',
    // IP cameras and their recorded segments. URLs are stored without credentials (those live in the secret store).
    // recordings.path is relative to data/recordings; times are epoch milliseconds; event flags event footage.
    sql: `
      CREATE TABLE cameras (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        url TEXT NOT NULL,
        sub_url TEXT,
        mode TEXT NOT NULL,
        has_credentials INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
      );
      CREATE TABLE recordings (
        id INTEGER PRIMARY KEY,
        camera_id INTEGER NOT NULL REFERENCES cameras(id) ON DELETE CASCADE,
        path TEXT NOT NULL UNIQUE,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        size INTEGER NOT NULL,
        event INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX recordings_camera_start ON recordings(camera_id, start_ms);
    `,
  },
  {
    version: 11,
    name: 'camera-events',
    // alarm events (motion, …): end_ms is NULL while the event runs; times are epoch milliseconds
    sql: `
      CREATE TABLE camera_events (
        id INTEGER PRIMARY KEY,
        camera_id INTEGER NOT NULL REFERENCES cameras(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER,
        peak_area REAL
      );
      CREATE INDEX camera_events_camera_start ON camera_events(camera_id, start_ms);
    `,
  },
  {
    version: 12,
    name: 'camera-settings',
    // per camera: detection and schedule (JSON), retention days (NULL = the global setting), since when its main stream
    // records into the events buffer (NULL: not in an events mode); recordings of the main or
    // the sub-stream; events armed (away, or a mode that records events) with their snapshot (relative to recordings)
    sql: `
      ALTER TABLE cameras ADD COLUMN detection TEXT;
      ALTER TABLE cameras ADD COLUMN schedule TEXT;
      ALTER TABLE cameras ADD COLUMN continuous_days REAL;
      ALTER TABLE cameras ADD COLUMN event_days REAL;
      ALTER TABLE cameras ADD COLUMN buffer_since INTEGER;
      ALTER TABLE recordings ADD COLUMN stream TEXT NOT NULL DEFAULT 'main';
      ALTER TABLE camera_events ADD COLUMN armed INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE camera_events ADD COLUMN snapshot TEXT;
    `,
  },
  {
    version: 13,
    name: 'camera-onvif',
    // the ONVIF device service of a camera found or added by ONVIF (its PullPoint alarms become camera events)
    sql: `ALTER TABLE cameras ADD COLUMN onvif_xaddr TEXT;`,
  },
];
