// Ships core's C ABI headers inside the package, so a third party's addon can include
// <legate/core_abi.h> from node_modules/@legate/core/include.
import { cpSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
cpSync(path.join(pkg, '../../native/core/include'), path.join(pkg, 'include'), { recursive: true });
