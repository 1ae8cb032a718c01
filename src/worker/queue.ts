/**
 * A one-at-a-time job queue: the model runs one request at a time (TF.js work from two
 * requests interleaved would only make both slower). Jobs not yet started can be dropped,
 * which is how a new prompt cancels work queued for the old one.
 */
import { nextMacrotask } from '../util/next-macrotask';

export interface Job {
  /** The request this job answers. */
  id: number;
  /** Trace-dependent work that a newer trace makes pointless. */
  supersededByTrace: boolean;
  run(): Promise<void>;
  /** Called instead of run() when the job is dropped before it starts. */
  drop(): void;
}

export class JobQueue {
  private jobs: Job[] = [];
  private running = false;

  push(job: Job): void {
    this.jobs.push(job);
    void this.pump();
  }

  /** Drops every waiting job that a new trace supersedes. */
  dropSupersededByTrace(): void {
    const dropped = this.jobs.filter((j) => j.supersededByTrace);
    this.jobs = this.jobs.filter((j) => !j.supersededByTrace);
    for (const j of dropped) j.drop();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let job = this.jobs.shift(); job; job = this.jobs.shift()) {
        await job.run();
        // A backend whose reads resolve as microtasks (wasm, cpu) would otherwise run every
        // queued job, and every generation step, before the worker reads its next message:
        // "stop" and newer prompts must get in between jobs.
        await nextMacrotask();
      }
    } finally {
      this.running = false;
    }
  }
}
