// Breadcrumbs for a folder path on the server, which may be POSIX (/srv/media), a Windows drive (D:\Media)
// or a Windows share (\\nas\video): the browser can't ask `path` how the server spells paths.

export interface FolderCrumb {
  label: string;
  path: string;
}

export function isWindowsPath(p: string): boolean {
  return /^[A-Za-z]:([\\/]|$)/.test(p) || p.startsWith('\\\\');
}

/** "/srv/media" → "/", "srv", "media"; "D:\Media\TV" → "D:", "Media", "TV"; each with the path it leads to. */
export function folderCrumbs(p: string): FolderCrumb[] {
  if (!isWindowsPath(p)) {
    const crumbs: FolderCrumb[] = [{ label: '/', path: '/' }];
    let at = '';
    for (const part of p.split('/').filter(Boolean)) {
      at += '/' + part;
      crumbs.push({ label: part, path: at });
    }
    return crumbs;
  }
  const parts = p.split(/[\\/]/).filter(Boolean);
  const unc = p.startsWith('\\\\');
  const head = unc ? parts.slice(0, 2) : parts.slice(0, 1);
  const label = unc ? '\\\\' + head.join('\\') : head[0];
  const crumbs: FolderCrumb[] = [{ label, path: label + '\\' }];
  let at = label;
  for (const part of parts.slice(head.length)) {
    at += '\\' + part;
    crumbs.push({ label: part, path: at });
  }
  return crumbs;
}
