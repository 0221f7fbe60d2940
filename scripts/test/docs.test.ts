import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'docs-site/.vitepress/dist');
// Debian's Chromium (scripts/setup-system.sh installs it); LEGATE_CHROMIUM names another.
const chromiumPath = [process.env.LEGATE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
let built = false;

describe('docs-site', () => {
  it('builds the guides and the TypeDoc API without dead links or warnings', () => {
    const r = spawnSync('pnpm', ['--filter', 'docs-site', 'docs'], { cwd: root, encoding: 'utf8', timeout: 240_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/\[warning\]|dead link/i);
    expect(r.stdout).toContain('build complete');
    built = true;
  }, 240_000);
});

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

/** The built site over HTTP on localhost, as a static host serves it (clean URLs: /guide/x is guide/x.html). */
function serve(): Promise<Server> {
  const server = createServer((request, response) => {
    const url = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const candidates = [url, `${url}.html`, path.posix.join(url, 'index.html')].map((p) => path.join(dist, p));
    const file = candidates.find((f) => f.startsWith(dist) && existsSync(f) && statSync(f).isFile());
    response.writeHead(file ? 200 : 404, { 'content-type': TYPES[path.extname(file ?? '.html')] ?? 'application/octet-stream' });
    response.end(readFileSync(file ?? path.join(dist, '404.html')));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

if (!chromiumPath) console.warn('skipping the docs browser test: no Chromium (apt-get install chromium, or set LEGATE_CHROMIUM)');

describe.skipIf(!chromiumPath)('docs-site in a browser (headless Chromium)', () => {
  let server: Server | undefined;
  afterAll(() => server?.close());

  it('renders the home page, a guide page and an API page without console errors; search finds bicgstab', async () => {
    expect(built, 'the site was not built (the test above failed)').toBe(true);
    const { chromium } = await import('playwright-core');
    server = await serve();
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // No background networking: this machine's network is closed, and Chromium's own lookups fail.
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const shots = path.join(dist, 'screenshots');
    mkdirSync(shots, { recursive: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      page.on('requestfailed', (request) => errors.push(`${request.url()}: ${request.failure()?.errorText}`));
      page.on('response', (response) => {
        if (response.status() >= 400) errors.push(`${response.url()}: HTTP ${response.status()}`);
      });
      for (const [name, url, heading] of [
        ['home', '/', /Legate for TypeScript/],
        ['guide', '/guide/writing-a-library', /Writing a library/],
        ['api', '/api/@legate/sparse/namespaces/linalg/functions/bicgstab', /bicgstab/],
      ] as const) {
        const response = await page.goto(base + url, { waitUntil: 'networkidle' });
        expect(response?.status(), url).toBe(200);
        await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 10_000 }).toMatch(heading);
        // The layout rendered: the navigation bar and, off the home page, the sidebar.
        expect(await page.locator('.VPNav').count(), `${url}: no navigation bar`).toBe(1);
        if (name !== 'home') expect(await page.locator('.VPSidebar').count(), `${url}: no sidebar`).toBe(1);
        await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });
      }
      // Local search: open it, type, and find the solver's page among the results.
      await page.goto(`${base}/guide/getting-started`, { waitUntil: 'networkidle' });
      await page.locator('.VPNavBarSearch button').first().click();
      const input = page.locator('.VPLocalSearchBox input').first();
      await input.waitFor({ timeout: 10_000 });
      await input.fill('bicgstab');
      await expect.poll(() => page.locator('.VPLocalSearchBox .result').allTextContents(), { timeout: 10_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/bicgstab/i)]));
      await page.screenshot({ path: path.join(shots, 'search.png') });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});

describe('changesets', () => {
  it('has a valid configuration and sees the pending changesets', () => {
    const r = spawnSync(path.join(root, 'node_modules/.bin/changeset'), ['status'], { cwd: root, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toMatch(/@legate\/core/);
  });
});
