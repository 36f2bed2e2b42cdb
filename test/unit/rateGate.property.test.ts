/**
 * Properties of the rate limit handling, searched with fast-check rather than replayed: the Retry-After parser
 * accepts exactly delta-seconds and the three HTTP date forms, and, for random answers and random callers on several
 * credentials sharing one process, no request waits longer in all than its Max Total Wait, no timer is asked for more
 * than it can hold, and a credential's requests go exactly as they would without the other credentials; while pacing,
 * however late its timer wakes, the gate never starts requests faster than the rate in force over any span; against
 * a limit of a given rate, halved for a while or not, every request gets through near the ideal time with few rejected.
 */
import fc from 'fast-check';
import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { RateGate, RateGates } from '../../nodes/Thinkeo/transport/rateGate';
import { MAX_TIMER_MS, parseHttpDate, parseRetryAfter, rateLimitOf } from '../../nodes/Thinkeo/transport/rateLimitPolicy';
import type { Outcome } from '../../nodes/Thinkeo/transport/rateLimitResend';
import { sendWithResends } from '../../nodes/Thinkeo/transport/rateLimitResend';
import { VirtualClock } from '../support/virtualClock';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const NOW = Date.parse('2026-12-02T01:00:00Z');
const FIRST_INSTANT = Date.parse('0000-01-01T00:00:00Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59Z');

const two = (value: number) => String(value).padStart(2, '0');
const clockTime = (date: Date) => `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
const fourDigitYear = (date: Date) => String(date.getUTCFullYear()).padStart(4, '0');

/** The ways RFC 9110 §5.6.7 writes an instant (asctime has two for days 1-9), written here independently of the parser. */
function httpDates(instant: number): string[] {
	const date = new Date(instant);
	const [day, weekday, month] = [date.getUTCDate(), date.getUTCDay(), MONTHS[date.getUTCMonth()]];
	return [
		`${DAYS[weekday]}, ${two(day)} ${month} ${fourDigitYear(date)} ${clockTime(date)} GMT`,
		`${LONG_DAYS[weekday]}, ${two(day)}-${month}-${two(date.getUTCFullYear() % 100)} ${clockTime(date)} GMT`,
		`${DAYS[weekday]} ${month} ${String(day).padStart(2, ' ')} ${clockTime(date)} ${fourDigitYear(date)}`,
		`${DAYS[weekday]} ${month} ${two(day)} ${clockTime(date)} ${fourDigitYear(date)}`,
	];
}

/** Whether `text` is one of the ways to write `instant`, the leap second 23:59:60 included. */
function writes(text: string, instant: number): boolean {
	const leap = httpDates(instant - 1000).map((form) => form.replace(' 23:59:59', ' 23:59:60'));
	return [...httpDates(instant), ...(text.includes(' 23:59:60') ? leap : [])].includes(text);
}

const instants = fc.integer({ min: FIRST_INSTANT / 1000, max: LAST_INSTANT / 1000 }).map((seconds) => seconds * 1000);

/** Characters that turn one date form into another, or into a near miss. */
const nearMissCharacters = fc.constantFrom(...' ,-:0123456789GMTadeinosuJFMASONDWry\t+.e٣');
const edits = fc.array(fc.record({ at: fc.nat(), remove: fc.boolean(), insert: fc.option(nearMissCharacters, { nil: undefined }) }), { maxLength: 3 });

function edit(text: string, changes: Array<{ at: number; remove: boolean; insert?: string }>): string {
	return changes.reduce((result, { at, remove, insert }) => {
		const position = at % (result.length + 1);
		return result.slice(0, position) + (insert ?? '') + result.slice(position + (remove ? 1 : 0));
	}, text);
}

const candidates = fc.oneof(
	fc.string(),
	fc.string({ unit: 'binary' }),
	fc.array(fc.constantFrom(...DAYS, ...LONG_DAYS, ...MONTHS, 'GMT', ', ', ' ', '-', ':', '2026', '77', '05', '5', '23:59:60'), { maxLength: 10 }).map((parts) => parts.join('')),
	fc.tuple(instants, fc.nat(3), edits).map(([instant, form, changes]) => edit(httpDates(instant)[form], changes)),
	fc.tuple(fc.stringMatching(/^\d{1,25}$/), edits).map(([digits, changes]) => edit(digits, changes)),
);

describe('parseRetryAfter', () => {
	it('never throws, and gives undefined or a whole ms count from 0 to Number.MAX_SAFE_INTEGER', () => {
		fc.assert(
			fc.property(candidates, fc.integer({ min: FIRST_INSTANT, max: LAST_INSTANT }), (text, now) => {
				const wait = parseRetryAfter(text, now);
				return wait === undefined || (Number.isSafeInteger(wait) && wait >= 0);
			}),
			{ numRuns: 5000 },
		);
	});

	it('reads every instant in every HTTP date form', () => {
		fc.assert(
			fc.property(instants, (instant) => {
				const [imf, rfc850, ...asctime] = httpDates(instant);
				for (const form of [imf, ...asctime]) {
					expect([form, parseHttpDate(form, NOW)]).toEqual([form, instant]);
					expect(parseRetryAfter(`\t${form} `, NOW)).toBe(Math.max(0, instant - NOW));
				}
				// RFC 850's two-digit year names the one year from 49 years back to 50 years ahead.
				const year = new Date(instant).getUTCFullYear();
				const nowYear = new Date(NOW).getUTCFullYear();
				if (year > nowYear - 50 && year <= nowYear + 50) expect([rfc850, parseHttpDate(rfc850, NOW)]).toEqual([rfc850, instant]);
			}),
			{ numRuns: 3000 },
		);
	});

	it('reads delta-seconds as given, capped at Number.MAX_SAFE_INTEGER ms', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^\d{1,400}$/), (digits) => {
				expect(parseRetryAfter(` ${digits}\t`, NOW)).toBe(Math.min(Number(digits) * 1000, Number.MAX_SAFE_INTEGER));
			}),
			{ numRuns: 2000 },
		);
	});

	it('accepts nothing but delta-seconds and the HTTP date forms', () => {
		fc.assert(
			fc.property(candidates, (text) => {
				const date = parseHttpDate(text, NOW);
				if (date !== undefined) {
					expect([text, writes(text, date)]).toEqual([text, true]);
					const year = new Date(date).getUTCFullYear();
					if (/-\d\d /.test(text)) expect(Math.abs(year - 2026) <= 50).toBe(true);
				}
				const trimmed = text.replace(/^[ \t]+|[ \t]+$/g, '');
				const readable = /^\d+$/.test(trimmed) || parseHttpDate(trimmed, NOW) !== undefined;
				expect([text, parseRetryAfter(text, NOW) !== undefined]).toEqual([text, readable]);
			}),
			{ numRuns: 10000 },
		);
	});
});

/** What the fake Thinkeo puts in Retry-After, written at the time of the answer. */
const retryAfters = fc.oneof(
	fc.constant(() => undefined),
	fc.integer({ min: 0, max: 5 }).map((seconds) => () => String(seconds)),
	fc.stringMatching(/^\d{7,20}$/).map((digits) => () => digits),
	fc.integer({ min: -10_000, max: 10_000 }).map((offset) => (now: number) => new Date(now + offset).toUTCString()),
	fc.constantFrom('abc 5', 'May 5', '-3', '1e3', '5.5', '').map((text) => () => text),
);

/** One answer of the fake Thinkeo: accepted, or a rate limit. */
const answers = fc.oneof(
	{ weight: 2, arbitrary: fc.constant(undefined) },
	{ weight: 3, arbitrary: fc.record({ status: fc.constantFrom(429, 503), retryAfter: retryAfters }) },
);

const callers = fc.record({
	// Mostly one credential and one moment, so that its requests crowd its gate.
	credential: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.nat(3)),
	// The execution: waiting requests are served a lane at a time.
	lane: fc.constantFrom('', 'first', 'second'),
	startAt: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5000 })),
	maxTries: fc.integer({ min: 1, max: 6 }),
	maxWaitMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 }), fc.constant(1e12)),
	sendMs: fc.integer({ min: 0, max: 300 }),
	seed: fc.nat(),
});

type Caller = { credential: number; lane: string; startAt: number; maxTries: number; maxWaitMs: number; sendMs: number; seed: number };
type Answer = { status: number; retryAfter: (now: number) => string | undefined } | undefined;

/** A repeatable stand-in for Math.random, for the backoff's jitter. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

/** Runs `runs` callers against fake Thinkeo answers (`scripts`, per credential, in order of sends; then accepted). */
async function simulate(runs: Caller[], scripts: Answer[][]) {
	const clock = new VirtualClock(NOW);
	const gates = new RateGates(clock);
	const sent = scripts.map(() => 0);
	const timelines = await clock.run(
		Promise.all(
			runs.map(async (caller) => {
				await clock.sleep(caller.startAt);
				const sends: Array<{ start: number; end: number }> = [];
				let notSent = false;
				try {
					await gates.using(`credential ${caller.credential}`, async (gate) => {
						return await sendWithResends({
							settings: { maxTries: caller.maxTries, maxWaitMs: caller.maxWaitMs },
							gate,
							lane: caller.lane,
							send: async () => {
								const start = clock.now();
								await clock.sleep(caller.sendMs);
								sends.push({ start, end: clock.now() });
								const answer = scripts[caller.credential][sent[caller.credential]++];
								const retryAfter = answer?.retryAfter(clock.now());
								const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': retryAfter };
								return { statusCode: answer?.status ?? 200, headers, body: {} } as IN8nHttpFullResponse;
							},
							limitOf: (outcome: Outcome<IN8nHttpFullResponse>) => ('value' in outcome ? rateLimitOf(outcome.value, clock.now()) : undefined),
							prepareResend: async () => undefined,
							notSent: (note) => Object.assign(new Error(note), { notSent: true }),
							random: seeded(caller.seed),
						});
					});
				} catch (error) {
					expect(error).toMatchObject({ notSent: true });
					notSent = true;
				}
				// Every wait: before the first send (or the refusal), and between one send's answer and the next send.
				const firstWait = (sends[0]?.start ?? clock.now()) - NOW - caller.startAt;
				const waited = sends.slice(1).reduce((sum, send, i) => sum + send.start - sends[i].end, firstWait);
				return { sends, notSent, waited };
			}),
		),
	);
	return { timelines, sleeps: clock.sleeps };
}

describe('the rate gates of several credentials', () => {
	it('never wait longer than Max Total Wait, nor ask a timer for more than it holds, and never hold back another credential', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(callers, { minLength: 1, maxLength: 12 }),
				fc.array(fc.option(fc.array(answers, { maxLength: 12 }), { nil: undefined }), { minLength: 4, maxLength: 4 }),
				async (runs, limits) => {
					// A credential without a script is never limited.
					const scripts = limits.map((script) => script ?? []);
					const { timelines, sleeps } = await simulate(runs, scripts);
					expect(sleeps.every((ms) => ms >= 0 && ms <= MAX_TIMER_MS)).toBe(true);
					runs.forEach((caller, i) => {
						const { sends, waited, notSent } = timelines[i];
						expect(waited).toBeLessThanOrEqual(caller.maxWaitMs);
						expect(sends.length).toBeLessThanOrEqual(caller.maxTries);
						// A credential Thinkeo never limits: sent once, held back at most by the first burst's rate (10 at once, 20/s).
						if (!limits[caller.credential]) expect({ sends: sends.length, notSent, held: waited <= 100 }).toEqual({ sends: 1, notSent: false, held: true });
					});
					// Each credential's requests go exactly as they do when it is alone in the process.
					for (const credential of new Set(runs.map((caller) => caller.credential))) {
						const own = runs.map((caller, i) => ({ caller, i })).filter(({ caller }) => caller.credential === credential);
						const alone = await simulate(
							own.map(({ caller }) => caller),
							scripts,
						);
						expect(alone.timelines).toEqual(own.map(({ i }) => timelines[i]));
					}
				},
			),
			{ numRuns: 400 },
		);
	});
});

/** A limit of `perSecond` answers in any second, changing at the given times (ms from the start), as the sandbox counts. */
type LimitStep = { at: number; perSecond: number };

/** The ideal time of `count` requests under `steps`: when the limit has let them all through. */
function idealMs(count: number, steps: LimitStep[]): number {
	let left = count;
	for (const [i, step] of steps.entries()) {
		const span = ((steps[i + 1]?.at ?? Infinity) - step.at) / 1000;
		if (left <= span * step.perSecond) return step.at + (left / step.perSecond) * 1000;
		left -= span * step.perSecond;
	}
	return Infinity;
}

interface Conditions {
	/** How much later an accepted answer comes (a generation that takes seconds). */
	acceptedAfterMs?: number;
	/** Each request's Max Total Wait. */
	maxWaitMs?: number;
	/**
	 * A busy n8n: one CPU handles, in turn, each request's way out and each answer's way in, for this long each, so that
	 * a burst of starts reaches Thinkeo seconds later and its answers are read seconds after they came.
	 */
	busyMs?: number;
}

/** `count` requests at once against a sliding-window limit, each answered `latency(n)` ms after it is sent. */
async function underLimit(count: number, steps: LimitStep[], latency: (n: number) => number, conditions: Conditions = {}) {
	const { acceptedAfterMs = 0, maxWaitMs = 120_000, busyMs = 0 } = conditions;
	const clock = new VirtualClock(NOW);
	let cpuFreeAt = NOW;
	const busy = async () => {
		if (!busyMs) return;
		cpuFreeAt = Math.max(cpuFreeAt, clock.now()) + busyMs;
		await clock.sleep(cpuFreeAt - clock.now());
	};
	const gates = new RateGates(clock);
	const accepted: number[] = [];
	let rejected = 0;
	let sends = 0;
	const limitAt = (time: number) => [...steps].reverse().find((step) => NOW + step.at <= time)?.perSecond ?? steps[0].perSecond;
	const outcomes = await clock.run(
		Promise.all(
			Array.from({ length: count }, async () => {
				try {
					return await gates.using('one token', async (gate) => {
						const { outcome } = await sendWithResends({
							settings: { maxTries: 5, maxWaitMs },
							gate,
							send: async () => {
								const half = latency(sends++) / 2;
								await busy();
								await clock.sleep(half);
								const now = clock.now();
								const inWindow = accepted.filter((time) => time > now - 1000).length;
								const ok = inWindow < limitAt(now);
								if (ok) accepted.push(now);
								else rejected++;
								await clock.sleep(half + (ok ? acceptedAfterMs : 0));
								await busy();
								const headers: Record<string, string> = ok ? {} : { 'retry-after': '1' };
								return { statusCode: ok ? 200 : 429, headers, body: {} } as IN8nHttpFullResponse;
							},
							limitOf: (outcome: Outcome<IN8nHttpFullResponse>) => ('value' in outcome ? rateLimitOf(outcome.value, clock.now()) : undefined),
							prepareResend: async () => undefined,
							notSent: (note) => new Error(note),
						});
						return 'value' in outcome ? outcome.value : undefined;
					});
				} catch {
					return undefined;
				}
			}),
		),
	);
	return { outcomes, rejected, elapsed: clock.now() - NOW };
}

describe('pacing under a limit that may change', () => {
	it('gets every request through near the ideal time with a tenth of them rejected, and recovers when the limit rises again', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 5, max: 60 }),
				fc.option(fc.record({ from: fc.integer({ min: 3000, max: 8000 }), lasting: fc.integer({ min: 3000, max: 8000 }) }), { nil: undefined }),
				fc.integer({ min: 0, max: 60 }),
				fc.nat(),
				async (perSecond, halved, jitter, seed) => {
					const count = perSecond * 12;
					const steps: LimitStep[] = [{ at: 0, perSecond }];
					// Halved for a while, then back: learning the lower limit must not hold the rate down after.
					if (halved) steps.push({ at: halved.from, perSecond: Math.max(1, Math.floor(perSecond / 2)) }, { at: halved.from + halved.lasting, perSecond });
					const random = seeded(seed);
					const { outcomes, rejected, elapsed } = await underLimit(count, steps, () => 2 + random() * jitter);
					expect(outcomes.every((outcome) => outcome?.statusCode === 200)).toBe(true);
					const ideal = idealMs(count, steps);
					// The goal at 20/s: a tenth of the items rejected, 1.1× the ideal time, here plus the first
					// Retry-After (1 s) that every request waits out; a change of limit costs the rejections that learn it
					// and a few seconds below the risen limit before the raises find it (the first raise waits for 20
					// starts, up to 4 s, at a low limit).
					expect(rejected).toBeLessThanOrEqual(halved ? count / 10 + 15 : count / 10 + 5);
					expect(elapsed).toBeLessThanOrEqual(ideal * 1.1 + (halved ? 5500 : 1000));
				},
			),
			{ numRuns: 60 },
		);
	});
});

describe('pacing when accepted answers are slow', () => {
	it('learns the rate from what it sent, not from when answers came: accepted answers that take seconds neither slow it nor fail items', async () => {
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 5, max: 40 }), fc.integer({ min: 500, max: 5000 }), fc.integer({ min: 0, max: 40 }), fc.nat(), async (perSecond, acceptedAfterMs, jitter, seed) => {
				const random = seeded(seed);
				const count = perSecond * 10;
				const { outcomes, rejected, elapsed } = await underLimit(count, [{ at: 0, perSecond }], () => 2 + random() * jitter, { acceptedAfterMs });
				expect(outcomes.every((outcome) => outcome?.statusCode === 200)).toBe(true);
				// Learned from accepted answers, the rate fell to 1 a second when the first 429 came before any of them.
				expect(rejected).toBeLessThanOrEqual(count / 10 + 5);
				expect(elapsed).toBeLessThanOrEqual(idealMs(count, [{ at: 0, perSecond }]) * 1.1 + 1000 + acceptedAfterMs);
			}),
			{ numRuns: 20 },
		);
	});
});

describe('more requests than Max Total Wait lets through', () => {
	it('learns from the rate-limit answers of the requests that give up too: it does not keep sending into the limit', async () => {
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 10, max: 30 }), fc.integer({ min: 10, max: 30 }), fc.nat(), async (perSecond, maxWaitSeconds, seed) => {
				const random = seeded(seed);
				// Three times what Max Total Wait lets through at the limit: most must give up, few must be rejected.
				const count = perSecond * maxWaitSeconds * 3;
				const { rejected } = await underLimit(count, [{ at: 0, perSecond }], () => 2 + random() * 20, { maxWaitMs: maxWaitSeconds * 1000 });
				// A rejection noted only when its request was sent again let the rate be raised into the limit: 224 to
				// 582 answers of 429 for 1000 requests at 20/s within 20 s.
				expect(rejected).toBeLessThanOrEqual(perSecond * 2 + maxWaitSeconds);
			}),
			{ numRuns: 10 },
		);
	});
});

describe('pacing in a busy n8n', () => {
	it('fails no request when requests reach Thinkeo and their answers are read seconds late', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 5, max: 40 }),
				fc.integer({ min: 100, max: 300 }),
				fc.integer({ min: 0, max: 20 }),
				fc.integer({ min: 0, max: 60 }),
				fc.nat(),
				async (perSecond, count, busyMs, jitter, seed) => {
					const random = seeded(seed);
					const { outcomes, elapsed } = await underLimit(count, [{ at: 0, perSecond }], () => 2 + random() * jitter, { busyMs });
					// Counted in start times that were seconds before the requests reached Thinkeo, the second before a
					// rejected request held none of those Thinkeo had let through: the rate fell to 1 a second, and
					// raises compounded past the limit while their answers waited, until requests passed Max Total Wait.
					expect(outcomes.every((outcome) => outcome?.statusCode === 200)).toBe(true);
					// At worst half the ideal rate, plus the CPU's own time and the first Retry-After.
					expect(elapsed).toBeLessThanOrEqual(idealMs(count, [{ at: 0, perSecond }]) * 2 + count * busyMs * 2 + 1000);
				},
			),
			{ numRuns: 30 },
		);
	});
});

describe('pacing at a low limit', () => {
	it('sends 300 requests against 5 per second with well under a tenth of them rejected, near the ideal time', async () => {
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 0, max: 60 }), fc.nat(), async (jitter, seed) => {
				const random = seeded(seed);
				const { outcomes, rejected, elapsed } = await underLimit(300, [{ at: 0, perSecond: 5 }], () => 2 + random() * jitter);
				expect(outcomes.every((outcome) => outcome?.statusCode === 200)).toBe(true);
				// The bound is a tenth (30); a raise every second or two cost 28 or 29 here. The time: 1.1× plus
				// the first Retry-After (1 s) and a spacing at 5/s (200 ms) that a rate learned from the sends may lose.
				expect(rejected).toBeLessThanOrEqual(24);
				expect(elapsed).toBeLessThanOrEqual(60_000 * 1.1 + 1200);
			}),
			{ numRuns: 10 },
		);
	});
});

describe('pacing when the timer wakes late', () => {
	it('never starts faster than the rate in force over any span, nor more in a second than the count it was learned from', async () => {
		await fc.assert(
			fc.asyncProperty(
				// From 2 a second: at 1 the slowest rate leaves no margin under the count.
				fc.integer({ min: 2, max: 300 }),
				fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })), { minLength: 1, maxLength: 300 }),
				fc.integer({ min: 0, max: 40 }),
				fc.nat(),
				async (count, arrivals, maxLateMs, seed) => {
					const clock = new VirtualClock(NOW);
					const random = seeded(seed);
					const sleep = clock.sleep;
					clock.sleep = async (ms: number) => await sleep(ms + random() * maxLateMs);
					const gate = new RateGate(clock);
					for (let i = 0; i < count; i++) gate.noteAccepted();
					gate.noteLimited(1000);
					const starts = await clock.run(
						Promise.all(
							arrivals.map(async (at) => {
								await sleep(at);
								expect(await gate.turn()).not.toBeUndefined();
								return clock.now();
							}),
						),
					);
					starts.sort((a, b) => a - b);
					const spacing = 1000 / (count / 1.03);
					for (let i = 0; i < starts.length; i++) {
						expect(starts[i]).toBeGreaterThanOrEqual(NOW + 1000);
						// Slots are a spacing apart, and a start comes at most 15 ms after its slot.
						for (let j = i + 1; j < starts.length; j++) expect(j - i).toBeLessThanOrEqual((starts[j] - starts[i] + 15) / spacing + 1e-9);
						expect(starts.filter((start) => start >= starts[i] && start < starts[i] + 1000).length).toBeLessThanOrEqual(count);
					}
				},
			),
			{ numRuns: 150 },
		);
	});
});
