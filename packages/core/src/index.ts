export { ArgumentError, ConfigError, LegateError, MemoryError, NativeLoadError, RankError } from './errors.js';
export { checkOptions, isOptionsObject, UnknownOptionError } from './options.js';
export type { Feature, LibraryFeatures } from './features.js';
export { readConfig, type RuntimeConfig } from './config.js';
export { loadNativeAddon, platformTag } from './native.js';
export { registerNativeLibrary, runtime, Runtime, type BandwidthProbe, type NativeLibraryAddon } from './runtime.js';
export { formatInfo, type InfoOptions } from './info.js';
export type { MemoryMode, MemoryStats, RuntimeCounters } from './native-core.js';
export { TaskFailure } from './failure.js';
export { createLibrary, Library, type LibraryOptions } from './library.js';
export {
  align,
  AutoTask,
  bloat,
  broadcast,
  chooseTiling,
  image,
  ManualTask,
  partitionSettings,
  scale,
  split,
  setCallSiteCapture,
  setPartitionSettings,
  TaskError,
  type Constraint,
  type ImageMode,
  type ManualTiling,
  type PartitionSettings,
  type ReductionOp,
  type Tiling,
} from './task.js';
export { Scalar, type ScalarValue } from './scalar.js';
export { DisposedError, keep, LogicalStore, tidy } from './store.js';
export { AffineMap, cStrides, ShapeError, type Rect } from './transform.js';
export {
  bool,
  complex128,
  complex64,
  dtype,
  DType,
  DTypeError,
  dtypeOfArray,
  dtypes,
  float32,
  float64,
  int16,
  int32,
  int64,
  int8,
  uint16,
  uint32,
  uint64,
  uint8,
  type Complex,
  type DTypeKind,
  type DTypeLike,
  type DTypeName,
  type TypedArray,
  type TypedArrayConstructor,
} from './types.js';
export { defineTask, type BodyArgs, type ConstraintSpec, type LaunchArgs, type Param, type Piece, type TaskDefinition } from './ts-task.js';
