/**
 * Carries out an import plan: each planned file is hardlinked from the download folder into the library root (copied
 * when the filesystem refuses a link: EXDEV across devices, EPERM/ENOTSUP where links are not allowed), then indexed.
 * Never overwrites: a target that exists is skipped with a problem. Every source and target is checked to stay inside
 * its folder. Seeding continues from the original files.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { planImport, type ImportFile, type ImportMetadata } from './import-plan.js';
import { assertInside } from './torrent-paths.js';
import type { ImportedRecord } from './download-store.js';

/** What the engine gives the downloads capability of the library (default root: data/media, a registered media folder). */
export interface LibraryImporter {
  libraryRoot(): Promise<string>;
  /** catalogue one new file without a full rescan */
  indexFile(absPath: string): Promise<void>;
}

export interface ImportOutcome {
  imported: ImportedRecord[];
  problems: string[];
}

const LINK_REFUSED = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK']);

async function place(source: string, target: string): Promise<'hardlink' | 'copy'> {
  try {
    await fs.link(source, target);
    return 'hardlink';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (!LINK_REFUSED.has(code)) throw err;
  }
  await fs.copyFile(source, target, fs.constants.COPYFILE_EXCL);
  return 'copy';
}

export async function importDownload(input: {
  /** the download's folder; file paths are relative to it */
  sourceDir: string;
  releaseTitle: string;
  files: ImportFile[];
  importer: LibraryImporter;
  /** the catalogue title it was grabbed for: names win over what the release title says */
  metadata?: ImportMetadata;
}): Promise<ImportOutcome> {
  const plan = planImport({ releaseTitle: input.releaseTitle, files: input.files, metadata: input.metadata });
  const problems = [...plan.problems];
  const imported: ImportedRecord[] = [];
  const root = path.resolve(await input.importer.libraryRoot());
  await fs.mkdir(root, { recursive: true });
  for (const item of plan.items) {
    try {
      const source = assertInside(input.sourceDir, item.source);
      const target = assertInside(root, item.target);
      await fs.mkdir(path.dirname(target), { recursive: true });
      try {
        await fs.lstat(target);
        problems.push(`"${item.target}" already exists in the library; "${item.source}" is not imported`);
        continue;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      await place(source, target);
      imported.push({ source: item.source, target });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problems.push(
        code === 'EEXIST'
          ? `"${item.target}" already exists in the library; "${item.source}" is not imported`
          : `"${item.source}" could not be imported: ${(err as Error).message}`,
      );
    }
  }
  for (const item of imported) {
    try {
      await input.importer.indexFile(item.target);
    } catch (err) {
      problems.push(`"${item.target}" was placed but could not be indexed: ${(err as Error).message}`);
    }
  }
  return { imported, problems };
}
