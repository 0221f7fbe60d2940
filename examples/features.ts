// What Legate was built with on this machine, and the memory bandwidth it can reach.
import { formatInfo, runtime } from '@legate/core';
import '@legate/numeric';
import '@legate/sparse';

// Every rank runs the whole program (legate --ranks N); rank 0 prints.
const log = runtime.rank === 0 ? console.log : () => {};

log(formatInfo(runtime));

// Elementwise ops, stencils and SpMV are bound by memory bandwidth: this is their floor.
const gb = (bytes: number) => (bytes / 1e9).toFixed(1);
const one = runtime.probeBandwidth({ threads: 1 });
const all = runtime.probeBandwidth();
log(`\nmemory bandwidth (STREAM add, 256 MiB arrays): ${gb(one.bytesPerSecond)} GB/s on 1 thread, ` +
  `${gb(all.bytesPerSecond)} GB/s on ${all.threads}`);
