import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { LegateError } from './errors.js';
import { native } from './native-core.js';

/** Raised at a wait when a task that produced the awaited data failed. */
export class TaskFailure extends LegateError {
  override name = 'TaskFailure';
  constructor(
    /** The failed task's name. */
    readonly task: string,
    /** The task's own message. */
    readonly reason: string,
    /** The user's code that launched the failed task, when known. */
    readonly launchSite?: string,
  ) {
    super(`task '${task}' failed: ${reason}${launchSite ? `\n    launched ${launchSite}` : ''}`);
  }
}

/** Call sites of launches that may still fail, by launch id (ids increase). */
const callSites = new Map<number, Error>();
/** Call sites of launches that failed, kept for the waits that will report them. */
const failedSites = new Map<number, Error>();
let failuresSeen = 0;

/** [oldest pending launch, failed launches so far], which the native launch rewrites. */
let status: Float64Array | undefined;

/** Keeps a launch's call site until the launch has completed without failing. */
export function rememberCallSite(launch: number, site: Error): void {
  callSites.set(launch, site);
  const addon = native();
  if (!status) {
    status = new Float64Array(2);
    addon.setStatusBuffer(status);
    status[0] = addon.oldestPending();
    status[1] = addon.failedLaunchCount();
  }
  if (status[1] !== failuresSeen) {
    const { count, ids } = addon.failedLaunches();
    failuresSeen = count;
    for (const id of ids) {
      const failed = callSites.get(id);
      if (failed) failedSites.set(id, failed);
    }
    while (failedSites.size > 1024) failedSites.delete(failedSites.keys().next().value!);
  }
  const oldest = status[0]!;
  for (const key of callSites.keys()) {
    if (key >= oldest) break;
    callSites.delete(key);
  }
}

/** Where library code lives (core's, and each library's that said so): not the user's frames. */
const libraryDirs: string[] = [];

/**
 * Frames in `source`'s directory (a module URL, a file or a directory) are a library's own: a
 * failure reports the first frame outside every library as where the work was launched.
 */
export function addLibrarySource(source: string | { readonly href: string }): void {
  const text = typeof source === 'string' ? source : source.href;
  const file = text.startsWith('file:') ? fileURLToPath(text) : path.resolve(text);
  const dir = /\.[cm]?[jt]s$/.test(file) ? path.dirname(file) : file;
  // Frames name ES modules by URL (spaces and the like escaped), CommonJS ones by path.
  for (const form of [dir + path.sep, `${pathToFileURL(dir).href}/`]) if (!libraryDirs.includes(form)) libraryDirs.push(form);
}

addLibrarySource(import.meta.url);

/** The first stack frame outside core and the libraries: where the user launched the work. */
function userFrame(site: Error | undefined): string | undefined {
  const frames = (site?.stack ?? '').split('\n').slice(1).map((l) => l.trim());
  const inside = (frame: string) => libraryDirs.some((dir) => frame.includes(dir));
  return frames.find((f) => !inside(f) && !f.includes('node:internal'));
}

/** A failure reported by the engine at a wait, as the error to throw. */
export function failureError(failure: { message: string; task: string; launch: number }): TaskFailure {
  return new TaskFailure(failure.task, failure.message, userFrame(callSites.get(failure.launch) ?? failedSites.get(failure.launch)));
}
