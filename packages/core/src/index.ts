export { ConfigError, LegateError, NativeLoadError } from './errors.js';
export type { Feature, LibraryFeatures } from './features.js';
export { readConfig, type RuntimeConfig } from './config.js';
export { loadNativeAddon, platformTag } from './native.js';
export { registerNativeLibrary, runtime, Runtime, type BandwidthProbe, type NativeLibraryAddon } from './runtime.js';
export { formatInfo, type InfoOptions } from './info.js';
