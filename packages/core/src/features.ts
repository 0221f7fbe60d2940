/** One optional or required part a library was built with. */
export interface Feature {
  /** Short lower-case name: `cpu`, `mpi`, `cuda`, `blas`, `cufft`... */
  readonly name: string;
  /** Built in and usable in this process. */
  readonly enabled: boolean;
  /** What was found, or why the feature is off. */
  readonly detail: string;
}

/** The features one registered library reports. */
export interface LibraryFeatures {
  readonly library: string;
  readonly features: readonly Feature[];
}
