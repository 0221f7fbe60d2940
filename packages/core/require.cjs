'use strict';
// require('@legate/core'). The package is an ES module, which Node's require() loads from 20.19
// and 22.12 on; where it cannot (older Node, or --no-experimental-require-module), the error
// says what to do instead of a bare ERR_REQUIRE_ESM.
try {
  module.exports = require('./dist/index.js');
} catch (error) {
  if (error && error.code === 'ERR_REQUIRE_ESM') {
    throw new Error(
      `@legate/core is an ES module, and require() cannot load ES modules in this Node (${process.versions.node}; it can from 20.19 and 22.12 on, unless --no-experimental-require-module is given): use import (import * as m from '@legate/core', or await import('@legate/core') in CommonJS)`,
      { cause: error },
    );
  }
  throw error;
}
