import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main, userDirectory } from './main.ts';

afterEach(() => vi.restoreAllMocks());

describe('efcheck entry', () => {
  it('--version prints the package version and exits 0', async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out.push(String(s));
      return true;
    });
    const code = await main(['--version']);
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(code).toBe(0);
    expect(out.join('').trim()).toBe(version);
  });

  it('resolves relative paths against the user’s directory under npm run (INIT_CWD), else the working directory', () => {
    expect(userDirectory({ INIT_CWD: '/home/someone/project' })).toBe('/home/someone/project');
    expect(userDirectory({})).toBe(process.cwd());
    expect(userDirectory({ INIT_CWD: '' })).toBe(process.cwd());
  });
});
