#!/usr/bin/env node
// npm's install step: nothing to do where the package ships a prebuilt addon for this platform
// (`npm pack` puts prebuilds/ in the tarball); elsewhere, build it from source.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const platform = `${process.platform}-${process.arch}`;
if (!existsSync(path.join(root, 'prebuilds', platform, 'legate_template.node'))) {
  console.log(`legate-library-template: no prebuilt addon for ${platform}; building it from source`);
  await import('./build-native.mjs');
}
