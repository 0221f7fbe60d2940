export { defineSuite, type BenchCase, type BenchInput, type BenchSuite, type ExternalRow } from './suite.js';
export { summarize, type Timing } from './stats.js';
export { writeNpy } from './npy.js';
export { formatTable } from './format.js';
export { runSuite, type Row, type RunOptions } from './run.js';
export { Peer } from './peer.js';
