// When sync runs: soon after a local change, on a periodic alarm, at start-up, and when
// the user asks; after a failure, not before the back-off has passed (unless asked).
// One run at a time; a change made during a run gets a run of its own.

import { browser } from 'wxt/browser';
import { getSyncConfig, getSyncState, pendingChanges } from '../../storage/sync-state';
import { syncOnce, type SyncResult } from './sync';

const SOON_MS = 2_000;
const PERIODIC = 'gloss-sync';
const RETRY = 'gloss-sync-retry';
const PERIOD_MINUTES = 5;

export class SyncScheduler {
  private running?: Promise<boolean>;
  private timer?: ReturnType<typeof setTimeout>;
  private again = false;

  constructor(
    private readonly ready: Promise<unknown>,
    private readonly afterPull: (result: SyncResult) => Promise<void>,
  ) {}

  /** Sets up the alarms and the start-up run. Call once, at the background's start. */
  start(): void {
    void browser.alarms.create(PERIODIC, { periodInMinutes: PERIOD_MINUTES });
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === PERIODIC || alarm.name === RETRY) void this.run(false);
    });
    void this.run(false);
  }

  /** Something changed locally: sync in a moment (changes made together go together). */
  soon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run(false);
    }, SOON_MS);
  }

  /** Runs a sync now (or joins the one under way). `manual` ignores the back-off. */
  async run(manual: boolean): Promise<boolean> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.attempt(manual).finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.soon();
      }
    });
    return this.running;
  }

  private async attempt(manual: boolean): Promise<boolean> {
    await this.ready;
    if (!(await getSyncConfig())) return false;
    const before = await getSyncState();
    if (!manual && before.nextAttemptAt !== undefined && before.nextAttemptAt > Date.now()) {
      void browser.alarms.create(RETRY, { when: before.nextAttemptAt });
      return false;
    }
    const { ok, result, state } = await syncOnce();
    if (result.pulled > 0) await this.afterPull(result).catch(() => undefined);
    if (!ok && state.nextAttemptAt !== undefined) void browser.alarms.create(RETRY, { when: state.nextAttemptAt });
    else if (ok && (result.more || (await pendingChanges()) > 0)) this.again = true;
    return ok;
  }
}
