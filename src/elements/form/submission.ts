import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createOutbox, type Outbox, type OutboxKind, type OutboxStatus, type OutboxUpdate, type QueueReason, type Sender } from '../../backend/outbox.js';

export type SubmissionStatus = 'idle' | OutboxStatus;
export type SubmissionHost = ReactiveControllerHost;

let shared: Outbox | undefined;
/** One outbox per page (localStorage): every form of the page shares its queue and its `online` listener. */
export const sharedOutbox = (): Outbox => (shared ??= createOutbox());

export interface SubmissionOptions {
  readonly kind: OutboxKind;
  /** The outbox to use (an element's `outbox` property, else the page's). */
  readonly outbox: () => Outbox;
  /** Only entries of this cycle are adopted at `attach`. */
  readonly cycleId: () => string | undefined;
  /** Called on every change of the tracked submission (the element fires its events from here). */
  readonly onUpdate?: (update: OutboxUpdate) => void;
}

/** What a form shows of its submission; see the kit's header (index.ts). */
export class SubmissionController<P, T> implements ReactiveController {
  status: SubmissionStatus = 'idle';
  answer?: T;
  error?: unknown;
  reason?: QueueReason;
  nextAttemptAt?: number;
  attempt = 0;
  /** False when storage refused the submission: a reload would lose it. */
  persisted = true;
  /** The submission followed: its dedupe key, and its outbox id once known. */
  private key?: string;
  private id?: string;
  private unsubscribe?: () => void;
  private outbox?: Outbox;

  constructor(
    private readonly host: SubmissionHost,
    private readonly options: SubmissionOptions,
  ) {
    host.addController(this);
  }

  get busy(): boolean {
    return this.status === 'sending' || this.status === 'retrying' || this.status === 'queued';
  }

  hostConnected(): void {
    this.listen();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.outbox = undefined;
  }

  private listen(): Outbox {
    const outbox = this.options.outbox();
    if (outbox !== this.outbox) {
      this.unsubscribe?.();
      this.outbox = outbox;
      this.unsubscribe = outbox.subscribe((u) => this.onUpdate(u));
    }
    return outbox;
  }

  private onUpdate(u: OutboxUpdate): void {
    if (u.kind !== this.options.kind || !(u.id === this.id || (this.id === undefined && u.dedupeKey !== undefined && u.dedupeKey === this.key))) return;
    this.id = u.id;
    this.status = u.status;
    this.attempt = u.attempt;
    this.reason = u.reason;
    this.nextAttemptAt = u.nextAttemptAt;
    this.persisted = u.persisted;
    this.error = u.error;
    if (u.status === 'sent') this.answer = u.answer as T;
    if (u.status === 'sent' || u.status === 'failed') this.id = this.key = undefined;
    this.options.onUpdate?.(u);
    this.host.requestUpdate();
  }

  /**
   * Gives the sender, once the backend is known: a submission of this cycle left in the outbox by an
   * earlier page is followed, and the outbox sends what waits.
   */
  attach(send: Sender<P, T>): void {
    const outbox = this.listen();
    const cycleId = this.options.cycleId();
    const left = outbox.entries(this.options.kind).find((e) => e.cycleId === cycleId);
    if (left && !this.busy) {
      this.id = left.id;
      this.key = left.dedupeKey;
      this.status = 'queued';
      this.attempt = left.attempts;
      this.persisted = left.persisted;
      this.host.requestUpdate();
    }
    void outbox.resume(this.options.kind, send as Sender<unknown, unknown>);
  }

  /**
   * Sends `payload` once: ignored while a submission is under way; `dedupeKey` (one per filled
   * form) makes a second call join the first request rather than send again.
   */
  submit(cycleId: string, payload: P, dedupeKey: string, send: Sender<P, T>): void {
    if (this.busy) return;
    const outbox = this.listen();
    this.key = dedupeKey;
    this.id = undefined;
    this.status = 'sending';
    this.answer = this.error = undefined;
    this.host.requestUpdate();
    // The outcome comes through `onUpdate`; the promise is only its echo.
    outbox.submit({ kind: this.options.kind, cycleId, payload, dedupeKey }, send).catch(() => undefined);
  }

  /** Back to idle (a new form, or after showing a refusal). */
  reset(): void {
    this.status = 'idle';
    this.answer = this.error = this.reason = this.nextAttemptAt = undefined;
    this.id = this.key = undefined;
    this.host.requestUpdate();
  }
}
