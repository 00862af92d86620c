import { describe, expect, it } from 'vitest';
import { folderCrumbs, isWindowsPath } from './folder-path';

describe('folder breadcrumbs', () => {
  it('POSIX paths', () => {
    expect(folderCrumbs('/')).toEqual([{ label: '/', path: '/' }]);
    expect(folderCrumbs('/srv/media/TV Shows')).toEqual([
      { label: '/', path: '/' },
      { label: 'srv', path: '/srv' },
      { label: 'media', path: '/srv/media' },
      { label: 'TV Shows', path: '/srv/media/TV Shows' },
    ]);
  });

  it('Windows drives and shares', () => {
    expect(folderCrumbs('D:\\')).toEqual([{ label: 'D:', path: 'D:\\' }]);
    expect(folderCrumbs('D:\\Media\\TV')).toEqual([
      { label: 'D:', path: 'D:\\' },
      { label: 'Media', path: 'D:\\Media' },
      { label: 'TV', path: 'D:\\Media\\TV' },
    ]);
    expect(folderCrumbs('\\\\nas\\video\\Movies')).toEqual([
      { label: '\\\\nas\\video', path: '\\\\nas\\video\\' },
      { label: 'Movies', path: '\\\\nas\\video\\Movies' },
    ]);
  });

  it('tells the two apart', () => {
    expect(isWindowsPath('C:\\Users')).toBe(true);
    expect(isWindowsPath('/mnt/c:/x')).toBe(false);
    expect(isWindowsPath('/home/me')).toBe(false);
  });
});
