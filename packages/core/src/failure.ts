import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

const coreDir = path.dirname(fileURLToPath(import.meta.url));

/** The first stack frame outside @legate/core: where the user launched the work. */
function userFrame(site: Error | undefined): string | undefined {
  const frames = (site?.stack ?? '').split('\n').slice(1).map((l) => l.trim());
  return frames.find((f) => !f.includes(coreDir) && !f.includes('node:internal'))?.replace(/^at /, 'at ');
}

/** A failure reported by the engine at a wait, as the error to throw. */
export function failureError(failure: { message: string; task: string; launch: number }): TaskFailure {
  return new TaskFailure(failure.task, failure.message, userFrame(callSites.get(failure.launch) ?? failedSites.get(failure.launch)));
}
