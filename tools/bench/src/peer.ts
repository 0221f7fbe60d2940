import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { findPython } from '@legate/testing';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'peer.py');

export interface PeerVersions {
  readonly python: string;
  readonly numpy: string;
  readonly scipy: string;
  readonly executable: string;
}

/** One long-lived Python process that times the NumPy/SciPy side of every case of a run. */
export class Peer {
  private constructor(
    private readonly child: ChildProcessByStdio<Writable, Readable, null>,
    private readonly lines: AsyncIterator<string>,
    /** Resolves, once the process has ended, to how it ended. */
    private readonly ended: Promise<string>,
    readonly versions: PeerVersions,
  ) {}

  /** Starts the peer, or returns why it cannot (no interpreter with numpy and scipy). */
  static async start(): Promise<Peer | string> {
    const probe = findPython();
    if (!probe.ok) return probe.reason;
    const child = spawn(probe.executable, ['-u', SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
    const ended = new Promise<string>((resolve) => {
      child.on('error', (e) => resolve(e.message));
      child.on('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exit code ${code}`));
    });
    // A write to a peer that has died fails with EPIPE; `ended` reports the death instead.
    child.stdin.on('error', () => {});
    const rl: Interface = createInterface({ input: child.stdout });
    const lines = rl[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.done) return `the Python peer (${probe.executable}) did not start: ${await ended}`;
    return new Peer(child, lines, ended, { ...(JSON.parse(first.value) as PeerVersions), executable: probe.executable });
  }

  /** Times `run` after `setup`; resolves to per-run milliseconds, or rejects with the traceback. */
  async time(request: { setup?: string; run: string; inputs: Record<string, string>; warmup: number; runs: number; repeat?: number }): Promise<number[]> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`the Python peer has exited (${await this.ended})`);
    this.child.stdin.write(`${JSON.stringify(request)}\n`);
    const line = await this.lines.next();
    if (line.done) throw new Error(`the Python peer exited (${await this.ended})`);
    const reply = JSON.parse(line.value) as { times?: number[]; error?: string };
    if (reply.error) throw new Error(reply.error);
    return reply.times!;
  }

  close(): void {
    this.child.stdin.end();
  }
}
