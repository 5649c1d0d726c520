import { expect } from '@open-wc/testing';
import {
  BackendError,
  createDraftStore,
  createMemoryBackend,
  createOutbox,
  type MemoryBackend,
  type Outbox,
  type OutboxOptions,
  type OutboxUpdate,
  type Registration,
  type RegistrationSubmission,
  type Sender,
} from '../../src/index.js';

/** The demo cycle (40 seats, registration open) and the seed cycle (registration closed). */
const OPEN_CYCLE = 'management-par-la-cooperation-exemple-2027';
const CLOSED_CYCLE = 'management-par-la-cooperation';
const BACKEND_NOW = new Date('2026-12-01T09:00:00.000Z');
let openFeed: unknown;
let closedFeed: unknown;

before(async () => {
  const load = async (name: string) => (await fetch(new URL(`../../examples/${name}`, import.meta.url))).json() as Promise<unknown>;
  [openFeed, closedFeed] = await Promise.all([load('demo-cycle-exemple.json'), load('management-par-la-cooperation.json')]);
});

const backendOf = (feed: unknown = openFeed, latencyMs = 0): MemoryBackend => createMemoryBackend(feed, { now: () => BACKEND_NOW, latencyMs });

/** A manager of a member communauté de communes, registering to days 1 and 2, filled in 8 seconds. */
const person = (n: number, over: Partial<RegistrationSubmission> = {}): RegistrationSubmission => ({
  participant: {
    firstName: 'Anne',
    lastName: `Martin ${n}`,
    email: `anne.martin.${n}@carmausin-segala.fr`,
    function: 'head-of-department',
    organisationId: 'cc-carmausin-segala',
  },
  sessionIds: ['journee-1', 'journee-2'],
  antiBot: { website: '', fillMs: 8000 },
  ...over,
});

const PREFIX = 'formacoop:outbox:';

/** A Web Storage in a Map, shared by the outboxes of one test as tabs share localStorage. */
class FakeStorage {
  readonly map = new Map<string, string>();
  failWrites = false;
  get length() {
    return this.map.size;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.map.set(key, String(value));
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  clear() {
    this.map.clear();
  }
  /** The outbox entries as stored. */
  outbox(): Record<string, unknown>[] {
    return [...this.map].filter(([k]) => k.startsWith(PREFIX)).map(([, v]) => JSON.parse(v) as Record<string, unknown>);
  }
}

interface World {
  readonly storage: FakeStorage;
  readonly events: EventTarget;
  readonly net: { online: boolean };
  readonly clock: { t: number };
}

interface Tab extends World {
  readonly outbox: Outbox;
  readonly updates: OutboxUpdate[];
  /** Every wait the outbox asked for, ms. */
  readonly waits: number[];
}

const opened: Outbox[] = [];
afterEach(() => {
  for (const outbox of opened.splice(0)) outbox.close();
});

const world = (): World => ({ storage: new FakeStorage(), events: new EventTarget(), net: { online: true }, clock: { t: Date.parse('2026-12-01T09:00:00Z') } });

/** One page (tab) over a world: a fake clock that backoff waits advance, and a fake network switch. */
function tab(w: World = world(), options: Partial<OutboxOptions> = {}, passMs = 5_000): Tab {
  const waits: number[] = [];
  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      waits.push(ms);
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      // Short waits pass at once on the fake clock; longer ones (the slow queue timer) never by themselves.
      if (ms <= passMs) {
        setTimeout(() => {
          w.clock.t += ms;
          resolve();
        }, 0);
      }
    });
  const outbox = createOutbox({
    storage: w.storage as unknown as Storage,
    now: () => w.clock.t,
    random: () => 0.5,
    sleep,
    online: () => w.net.online,
    events: w.events,
    backoff: { baseMs: 100, maxMs: 5_000, maxAttempts: 3, queuedMs: 60_000 },
    ...options,
  });
  opened.push(outbox);
  const updates: OutboxUpdate[] = [];
  outbox.subscribe((u) => updates.push(u));
  return { ...w, outbox, updates, waits };
}

/** A sender that records the Idempotency-Key of every call. */
function recording<P, T>(send: Sender<P, T>) {
  const keys: string[] = [];
  const wrapped: Sender<P, T> = (cycleId, payload, options) => {
    keys.push(options.idempotencyKey);
    return send(cycleId, payload, options);
  };
  return { send: wrapped, keys };
}

const statuses = (updates: readonly OutboxUpdate[]) => updates.map((u) => `${u.status}:${u.attempt}`);
const registration = (payload: RegistrationSubmission, dedupeKey?: string) => ({
  kind: 'registration' as const,
  cycleId: OPEN_CYCLE,
  payload,
  ...(dedupeKey === undefined ? {} : { dedupeKey }),
});
/** Lets pending sends and timers run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function rejection(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (e) {
    expect(e).to.be.instanceOf(BackendError);
    return e as BackendError;
  }
  throw new Error('expected a rejection, got a value');
}

describe('outbox', () => {
  it('stores the submission with its key before the first attempt, and removes it on success', async () => {
    const t = tab();
    const backend = backendOf();
    const seenInStorage: Record<string, unknown>[][] = [];
    const send: Sender<RegistrationSubmission, Registration> = (cycleId, payload, options) => {
      seenInStorage.push(t.storage.outbox());
      return backend.register(cycleId, payload, options);
    };
    const answer = await t.outbox.submit(registration(person(1)), send);

    expect(seenInStorage).to.have.length(1);
    const [stored] = seenInStorage[0]!;
    expect(stored).to.include({ kind: 'registration', cycleId: OPEN_CYCLE });
    expect(stored!.payload).to.deep.equal(person(1));
    expect(stored!.id).to.equal(t.updates[0]!.id);
    expect(answer.status).to.equal('confirmed');
    expect(backend.registrations(OPEN_CYCLE).map((r) => r.id)).to.deep.equal([answer.id]);
    expect(t.storage.outbox()).to.deep.equal([]);
    expect(statuses(t.updates)).to.deep.equal(['sending:1', 'sent:1']);
    expect(t.updates[1]!.answer).to.deep.equal(answer);
    expect(t.updates.every((u) => u.persisted)).to.equal(true);
  });

  it('a double submit of the same form sends once and registers once', async () => {
    const t = tab();
    const backend = backendOf(openFeed, 20);
    const r = recording(backend.register);
    const first = t.outbox.submit(registration(person(1), 'form-1'), r.send);
    const second = t.outbox.submit(registration(person(1), 'form-1'), r.send);
    expect(second).to.equal(first);
    const [a, b] = await Promise.all([first, second]);

    expect(r.keys).to.have.length(1);
    expect(a.id).to.equal(b.id);
    expect(backend.registrations(OPEN_CYCLE)).to.have.length(1);
    expect(t.storage.outbox()).to.deep.equal([]);
  });

  it('an answer lost after the backend stored the registration is retried with the same key: one registration', async () => {
    const t = tab();
    const backend = backendOf();
    backend.failNext(1, 'network', { afterProcessing: true });
    const r = recording(backend.register);
    const answer = await t.outbox.submit(registration(person(1)), r.send);

    expect(r.keys).to.have.length(2);
    expect(r.keys[1]).to.equal(r.keys[0]);
    expect(backend.registrations(OPEN_CYCLE).map((x) => x.id)).to.deep.equal([answer.id]);
    expect(statuses(t.updates)).to.deep.equal(['sending:1', 'retrying:1', 'sending:2', 'sent:2']);
    expect((t.updates[1]!.error as BackendError).kind).to.equal('network');
  });

  it('offline: queued in storage with a reason, then sent once when the online event fires', async () => {
    const t = tab();
    const backend = backendOf();
    t.net.online = false;
    backend.setOffline(true);
    const r = recording(backend.register);
    const pending = t.outbox.submit(registration(person(1)), r.send);
    await settle();

    expect(r.keys).to.deep.equal([]);
    expect(t.storage.outbox()).to.have.length(1);
    expect(t.storage.outbox()[0]).to.include({ state: 'queued', attempts: 0 });
    expect(t.outbox.entries('registration').map((e) => e.state)).to.deep.equal(['queued']);
    expect(t.updates.at(-1)).to.include({ status: 'queued', reason: 'offline', persisted: true });

    backend.setOffline(false);
    t.net.online = true;
    // Two events (and a manual flush) at once: one request.
    t.events.dispatchEvent(new Event('online'));
    t.events.dispatchEvent(new Event('online'));
    void t.outbox.flush();
    const answer = await pending;

    expect(r.keys).to.have.length(1);
    expect(r.keys[0]).to.equal(t.updates[0]!.id);
    expect(backend.registrations(OPEN_CYCLE).map((x) => x.id)).to.deep.equal([answer.id]);
    expect(t.storage.outbox()).to.deep.equal([]);
  });

  it('a page reloaded while the registration was queued sends it once, with the stored key', async () => {
    const w = world();
    const backend = backendOf();
    w.net.online = false;
    const before = tab(w);
    void before.outbox.submit(registration(person(1)), backend.register);
    await settle();
    const key = before.updates[0]!.id;
    before.outbox.close();

    w.net.online = true;
    const after = tab(w);
    expect(after.outbox.entries().map((e) => [e.id, e.state])).to.deep.equal([[key, 'queued']]);
    // A sender of another kind does not send it.
    await after.outbox.resume('feedback', backend.sendFeedback);
    expect(backend.registrations(OPEN_CYCLE)).to.have.length(0);

    const r = recording(backend.register);
    await after.outbox.resume('registration', r.send);
    expect(r.keys).to.deep.equal([key]);
    expect(backend.registrations(OPEN_CYCLE)).to.have.length(1);
    expect(w.storage.outbox()).to.deep.equal([]);
    expect(after.updates.at(-1)).to.include({ id: key, status: 'sent' });
    expect((after.updates.at(-1)!.answer as Registration).id).to.equal(backend.registrations(OPEN_CYCLE)[0]!.id);
  });

  it('a page left while sending releases its lease: the reloaded page sends at once, with the same key', async () => {
    const w = world();
    const backend = backendOf(openFeed, 50);
    const before = tab(w);
    const r = recording(backend.register);
    void before.outbox.submit(registration(person(1)), r.send);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(w.storage.outbox()[0]).to.have.nested.property('lease.until');
    w.events.dispatchEvent(new Event('pagehide'));
    before.outbox.close();
    expect(w.storage.outbox()[0]).to.include({ state: 'queued' }).and.not.have.property('lease');
    // The time a reload takes: the aborted request is over.
    await settle();

    const after = tab(w);
    await after.outbox.resume('registration', r.send);
    expect(statuses(after.updates)).to.deep.equal(['sending:2', 'sent:2']);
    expect(r.keys).to.have.length(2);
    expect(r.keys[1]).to.equal(r.keys[0]);
    expect(backend.registrations(OPEN_CYCLE)).to.have.length(1);
    expect(w.storage.outbox()).to.deep.equal([]);
  });

  it('503 twice then success: three attempts with jittered exponential backoff, each reported', async () => {
    const t = tab();
    const backend = backendOf();
    backend.failNext(2, 503);
    const r = recording(backend.register);
    await t.outbox.submit(registration(person(1)), r.send);

    expect(r.keys).to.have.length(3);
    expect(new Set(r.keys).size).to.equal(1);
    expect(statuses(t.updates)).to.deep.equal(['sending:1', 'retrying:1', 'sending:2', 'retrying:2', 'sending:3', 'sent:3']);
    // Full jitter with random() = 0.5: half of 100, then half of 200.
    expect(t.waits).to.deep.equal([50, 100]);
    expect((t.updates[1]!.error as BackendError).status).to.equal(503);
    expect(t.updates[1]!.nextAttemptAt).to.be.a('number');
    expect(backend.registrations(OPEN_CYCLE)).to.have.length(1);
  });

  it('429: waits for Retry-After instead of the backoff', async () => {
    const t = tab();
    const backend = backendOf();
    backend.failNext(1, 429);
    const r = recording(backend.register);
    const start = t.clock.t;
    await t.outbox.submit(registration(person(1)), r.send);

    expect(t.waits).to.deep.equal([1000]);
    expect(t.updates[1]).to.include({ status: 'retrying', nextAttemptAt: start + 1000 });
    expect(r.keys).to.have.length(2);
    expect(backend.registrations(OPEN_CYCLE)).to.have.length(1);
  });

  it('429 asking for longer than maxMs: queued, and no flush sends it before the time given', async () => {
    const t = tab(world(), { backoff: { baseMs: 100, maxMs: 500, maxAttempts: 3, queuedMs: 60_000 } }, 500);
    const backend = backendOf();
    backend.failNext(1, 429);
    const r = recording(backend.register);
    const pending = t.outbox.submit(registration(person(1)), r.send);
    await settle();
    expect(t.updates.at(-1)).to.include({ status: 'queued', reason: 'rate-limited' });
    expect(t.storage.outbox()[0]).to.include({ state: 'queued', notBefore: t.clock.t + 1000 });

    // The timer is armed for the time given…
    expect(t.waits.at(-1)).to.equal(1000);
    // …and a flush before it does not send.
    await t.outbox.flush();
    expect(r.keys).to.have.length(1);
    t.clock.t += 1000;
    await t.outbox.flush();
    await pending;
    expect(r.keys).to.have.length(2);
    expect(backend.registrations(OPEN_CYCLE)).to.have.length(1);
  });

  it('still failing after maxAttempts: queued for later, then sent by a flush with the same key', async () => {
    const t = tab();
    const backend = backendOf();
    backend.failNext(3, 'timeout');
    const r = recording(backend.register);
    const pending = t.outbox.submit(registration(person(1)), r.send);
    await settle();

    expect(r.keys).to.have.length(3);
    expect(t.updates.at(-1)).to.include({ status: 'queued', reason: 'retries-exhausted', attempt: 3, nextAttemptAt: t.clock.t + 60_000 });
    expect(t.storage.outbox()[0]).to.include({ state: 'queued', attempts: 3 });
    expect(t.outbox.entries()[0]!.lastError).to.include({ kind: 'timeout' });
    // The slow timer is armed for the planned attempt.
    expect(t.waits.at(-1)).to.equal(60_000);

    await t.outbox.flush();
    await pending;
    expect(r.keys).to.have.length(4);
    expect(new Set(r.keys).size).to.equal(1);
    expect(backend.registrations(OPEN_CYCLE)).to.have.length(1);
    expect(t.storage.outbox()).to.deep.equal([]);
  });

  it('a final 400 is removed and reported failed, not retried', async () => {
    const t = tab();
    const backend = backendOf();
    const r = recording(backend.register);
    const bad = person(1, { participant: { ...person(1).participant, email: 'pas-une-adresse' } });
    const error = await rejection(t.outbox.submit(registration(bad), r.send));

    expect(error).to.include({ status: 400, code: 'invalid' });
    expect(r.keys).to.have.length(1);
    expect(statuses(t.updates)).to.deep.equal(['sending:1', 'failed:1']);
    expect(t.updates[1]!.error).to.equal(error);
    expect(t.storage.outbox()).to.deep.equal([]);
    expect(backend.registrations(OPEN_CYCLE)).to.have.length(0);
  });

  it('a 409 refusal (registration closed) is removed and reported failed, not retried', async () => {
    const t = tab();
    const backend = backendOf(closedFeed);
    const r = recording(backend.register);
    const error = await rejection(
      t.outbox.submit({ kind: 'registration', cycleId: CLOSED_CYCLE, payload: person(1, { sessionIds: ['journee-1'] }) }, r.send),
    );

    expect(error).to.include({ status: 409, code: 'refused' });
    expect(error.body?.error.reason?.reason).to.equal('closed');
    expect(r.keys).to.have.length(1);
    expect(t.updates.at(-1)).to.include({ status: 'failed' });
    expect(t.storage.outbox()).to.deep.equal([]);
  });

  it('storage that refuses writes: the submission is kept in memory, queued and sent, reported persisted: false', async () => {
    const t = tab();
    t.storage.failWrites = true;
    t.net.online = false;
    const backend = backendOf();
    const r = recording(backend.register);
    const pending = t.outbox.submit(registration(person(1)), r.send);
    await settle();

    expect(t.storage.map.size).to.equal(0);
    expect(t.outbox.entries().map((e) => [e.state, e.persisted])).to.deep.equal([['queued', false]]);
    expect(t.updates.at(-1)).to.include({ status: 'queued', persisted: false });

    t.net.online = true;
    t.events.dispatchEvent(new Event('online'));
    const answer = await pending;
    expect(backend.registrations(OPEN_CYCLE).map((x) => x.id)).to.deep.equal([answer.id]);
    expect(t.updates.every((u) => !u.persisted)).to.equal(true);
    expect(t.outbox.entries()).to.deep.equal([]);
  });

  it('no storage at all (disabled): still sent', async () => {
    const t = tab(world(), { storage: null });
    const backend = backendOf();
    backend.failNext(1, 502);
    const answer = await t.outbox.submit(registration(person(1)), backend.register);
    expect(backend.registrations(OPEN_CYCLE).map((x) => x.id)).to.deep.equal([answer.id]);
    expect(t.updates.map((u) => u.persisted)).to.deep.equal([false, false, false, false]);
  });

  it('two tabs flushing the same storage at once: one request', async () => {
    const w = world();
    const backend = backendOf(openFeed, 20);
    w.net.online = false;
    const first = tab(w);
    const second = tab(w);
    const a = recording(backend.register);
    const b = recording(backend.register);
    const pending = first.outbox.submit(registration(person(1)), a.send);
    await settle();
    expect(w.storage.outbox()).to.have.length(1);

    w.net.online = true;
    await Promise.all([first.outbox.flush(), second.outbox.resume('registration', b.send), second.outbox.flush()]);
    await pending;

    expect(a.keys.length + b.keys.length).to.equal(1);
    expect(backend.registrations(OPEN_CYCLE)).to.have.length(1);
    expect(w.storage.outbox()).to.deep.equal([]);
  });

  it('the other tab sends it first: this tab learns it through the storage event and gets the same registration', async () => {
    const w = world();
    const backend = backendOf(openFeed, 20);
    w.net.online = false;
    const first = tab(w);
    const second = tab(w);
    const a = recording(backend.register);
    const b = recording(backend.register);
    const pending = first.outbox.submit(registration(person(1)), a.send);
    await settle();
    const key = first.updates[0]!.id;

    w.net.online = true;
    const sending = second.outbox.resume('registration', b.send);
    // This tab's flush finds the other tab's lease: it waits, and says why.
    await first.outbox.flush();
    expect(a.keys).to.deep.equal([]);
    expect(first.updates.at(-1)).to.include({ status: 'queued', reason: 'sending-elsewhere' });
    await sending;
    expect(b.keys).to.deep.equal([key]);

    // The browser tells the first tab that the entry left storage; it asks again with the same key
    // and gets the stored answer back.
    w.events.dispatchEvent(new StorageEvent('storage', { key: PREFIX + key, oldValue: '{}', newValue: null }));
    const answer = await pending;
    expect(a.keys).to.deep.equal([key]);
    expect(backend.registrations(OPEN_CYCLE).map((x) => x.id)).to.deep.equal([answer.id]);
    expect(w.storage.outbox()).to.deep.equal([]);
  });

  it('close() during a retry wait stops sending and leaves the entry queued for the next page', async () => {
    const t = tab(world(), { backoff: { baseMs: 20_000, maxMs: 30_000, maxAttempts: 3, queuedMs: 60_000 } });
    const backend = backendOf();
    backend.failNext(1, 500);
    const r = recording(backend.register);
    void t.outbox.submit(registration(person(1)), r.send);
    await settle();
    expect(t.updates.at(-1)).to.include({ status: 'retrying' });

    t.outbox.close();
    await settle();
    expect(r.keys).to.have.length(1);
    expect(t.storage.outbox()[0]).to.include({ state: 'queued', attempts: 1 }).and.not.have.property('lease');
    expect(backend.registrations(OPEN_CYCLE)).to.have.length(0);
  });
});

describe('draft store', () => {
  it('keeps the draft across a reload and forgets it on clear', () => {
    const storage = new FakeStorage();
    const draft = createDraftStore<{ email: string }>({ key: 'registration:x', storage: storage as unknown as Storage, throttleMs: 0 });
    draft.save({ email: 'anne@exemple.fr' });
    const reloaded = createDraftStore<{ email: string }>({ key: 'registration:x', storage: storage as unknown as Storage });
    expect(reloaded.load()).to.deep.equal({ email: 'anne@exemple.fr' });

    reloaded.clear();
    expect(storage.map.size).to.equal(0);
    expect(createDraftStore({ key: 'registration:x', storage: storage as unknown as Storage }).load()).to.equal(undefined);
  });

  it('writes at most once per throttle window, the last value always', async () => {
    const storage = new FakeStorage();
    const writes: string[] = [];
    const setItem = storage.setItem.bind(storage);
    storage.setItem = (key, value) => {
      writes.push(value);
      setItem(key, value);
    };
    const draft = createDraftStore<string>({ key: 'k', storage: storage as unknown as Storage, throttleMs: 30 });
    draft.save('A');
    draft.save('An');
    draft.save('Ann');
    expect(writes).to.deep.equal(['"A"']);
    expect(draft.load()).to.equal('Ann');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(writes).to.deep.equal(['"A"', '"Ann"']);
  });

  it('storage that refuses writes: the draft stays in memory and says so', () => {
    const storage = new FakeStorage();
    storage.failWrites = true;
    const draft = createDraftStore<string>({ key: 'k', storage: storage as unknown as Storage, throttleMs: 0 });
    draft.save('Anne');
    expect(draft.persisted).to.equal(false);
    expect(draft.load()).to.equal('Anne');
    expect(storage.map.size).to.equal(0);
  });
});
