import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { withoutTrailingSlashes } from './httpFacts';
import { MAX_TIMER_MS } from './rateLimitPolicy';

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

// A monotonic clock: turns booked before the system clock is set back (NTP, a test's fake Date) must not wait for it.
const realClock: Clock = { now: () => performance.now(), sleep: async (ms) => await sleep(ms) };

/** Pacing ends once Thinkeo has not limited the rate for this long. */
const PACING_MS = 60_000;
/** The span over which Thinkeo's rate is counted (INFERRED: per second, as the sandbox and the 429 message say). */
const WINDOW_MS = 1000;
/**
 * Before Thinkeo first limits a token: requests that start at once, then the rate that follows, which grows with each
 * start of the last window so that it doubles every DOUBLING_MS while requests wait. It grows with the recent starts,
 * not with the time nor with all past starts: a token whose requests trickled in for seconds must not then send a
 * burst at thousands a second before the first rate-limit answer is read.
 */
const FIRST_BURST = 10;
const FIRST_RATE = 20;
const DOUBLING_MS = 100;
const RISE_PER_START = (Math.LN2 * 1000) / DOUBLING_MS;
/**
 * How long the gate remembers its starts and the rate-limit answers to them: what Thinkeo counted in the window
 * before a rejected request is read from here (a rate-limit answer slower than this meets a partial count).
 */
const HISTORY_MS = 10_000;
/** While pacing, the rate kept under the one learned, so that network jitter does not bunch requests over it. */
const MARGIN = 1.03;
/**
 * How late a start may come after its slot and still leave the next slots where the rate puts them, during the
 * start-up ramp and while pacing at a spacing under SHORT_SPACING_MS: a timer wakes up to a tick late (later in a busy
 * n8n), which at 5 ms (200/s) would slow the rate by a fifth, and the ramp, whose spacing falls under a millisecond,
 * far more. Half the margin's 30 ms a second, so that starts caught up never exceed in any second the count the rate
 * was learned from. At longer pacing spacings a late tick costs a few percent and serves
 * as margin against jitter (caught up at 20/s, it cost two more 429s and 4% more time).
 */
const CATCH_UP_MS = 15;
const SHORT_SPACING_MS = 20;
/** The lowest pacing rate, per second (below, each request waits the Retry-After of its own rate-limit answers). */
const SLOWEST_RATE = 1;
/**
 * Probing: the first raise after a quiet PROBE_MS since the last cut, the next ones RAISE_MS apart, each twice the
 * one before while Thinkeo accepts them, up to LARGEST_RAISE (doubling the rate): raised by 160%, 320%…, a limit that
 * rose was overshot a thousandfold before the first rejection of it was read.
 */
const FIRST_RAISE = 0.05;
const LARGEST_RAISE = 1;
const PROBE_MS = 1000;
/**
 * The first raise also waits for this many starts at the rate in force, up to PROBE_STARTS_MS: a raise Thinkeo rejects
 * costs a 429 or two, so at a low limit (5 per second) probing every second or two would cost more 429s than a tenth
 * of the items; the cap keeps a limit that rises again from a low one found within seconds.
 */
const PROBE_STARTS = 20;
const PROBE_STARTS_MS = 4000;
const RAISE_MS = 500;
/** A raise Thinkeo rejects doubles the quiet time before the next one, up to this. */
const LONGEST_PROBE_MS = 2000;

/** The rate to pace at when Thinkeo accepted `count` requests in the window before one it rejected. */
function learned(count: number): number {
	return Math.max(SLOWEST_RATE, count / MARGIN);
}

/** How many of the sorted `times` are after `from` and at most `to`. */
function countBetween(times: number[], from: number, to: number): number {
	return firstAfter(times, to) - firstAfter(times, from);
}

/** The index of the first of the sorted `times` after `at`. */
function firstAfter(times: number[], at: number): number {
	let low = 0;
	let high = times.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (times[middle] <= at) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * Drops the sorted `times` older than HISTORY_MS before `now`, once they are half of them: a start is on every
 * request's path, and dropping one at a time would move the whole array at each.
 */
function forgetBefore(times: number[], now: number): void {
	const old = firstAfter(times, now - HISTORY_MS);
	if (old && old * 2 >= times.length) times.splice(0, old);
}

interface Waiter {
	/** A request Thinkeo limited, back from its wait: it goes before its lane's first turns. */
	resend: boolean;
	enteredAt: number;
	deadline: number;
	resolve: (waited: number | undefined) => void;
}

/**
 * The requests of one credential (token) to one Thinkeo address. Until Thinkeo first limits the rate, a request that
 * finds fewer than FIRST_BURST unanswered ones goes at once; a burst beyond that goes at a rate that grows with the
 * starts of the last second (doubling every DOUBLING_MS while requests wait), so that it learns the limit from a few
 * rate-limit answers instead of sending all of its requests into it. The first rate-limit answer holds back every
 * turn for the wait it asks for; from then on requests start one after another at the rate Thinkeo accepted in the
 * second before the request it rejected (the requests sent then, less those it rejected, however long the accepted
 * ones take to answer), 3% under it; in a busy n8n, where requests reach Thinkeo seconds after they started, the
 * accepted answers read in the second before the rejection was read, when they are more. Each later rate-limit answer
 * counts again, and the rate follows a lower count (the limit fell), never a higher one; the later answers of one
 * window lower it by half at most. Only the request it answered waits, and it goes before its lane's first turns.
 * After a quiet second (and 20 starts, up to 4 s) the rate is raised by 5%, then 10%, 20%… up to 100% at a time,
 * while Thinkeo accepts the requests sent since, so a limit that rises again is found within seconds. Starts follow
 * a schedule of slots, a spacing apart, that a late timer does not push back (within CATCH_UP_MS) but while pacing
 * slowly. Waiting requests are served in turn across lanes (one per execution), so two workflows on one token share
 * its rate.
 */
export class RateGate {
	/** When requests started, and when those Thinkeo rejected had started, over at least the last HISTORY_MS (sorted). */
	private readonly sent: number[] = [];
	private readonly rejected: number[] = [];
	/** When the answers Thinkeo accepted were read, over at least the last HISTORY_MS. */
	private readonly acceptedRead: number[] = [];
	/** When the last start was due (its slot), at most CATCH_UP_MS before it happened. */
	private lastSlot = -Infinity;
	private pacingUntil = -Infinity;
	private holdUntil = -Infinity;
	private rate = 0;
	/** The lowest rate the rate-limit answers of the last cut's window may set (half the cut's). */
	private cutFloor = 0;
	private lastCut = -Infinity;
	private lastRaise = -Infinity;
	private raise = FIRST_RAISE;
	private probeMs = PROBE_MS;
	private readonly lanes = new Map<string, Waiter[]>();
	private waiting = 0;
	private dispatching = false;
	/** Requests started and not answered yet. */
	private inFlight = 0;

	constructor(readonly clock: Clock = realClock) {}

	private pacing(now: number): boolean {
		return now < this.pacingUntil;
	}

	/** The time between the last start's slot and the next one: the rate in force while pacing, else the ramp's then. */
	private spacing(now: number): number {
		if (this.pacing(now)) return 1000 / this.rate;
		const recent = countBetween(this.sent, now - WINDOW_MS, now);
		if (recent < FIRST_BURST) return 0;
		return 1000 / (FIRST_RATE + (recent - FIRST_BURST) * RISE_PER_START);
	}

	/** When the next request is due, as seen at `now` (it may be past: the schedule keeps the time a late timer lost). */
	private nextSlot(now: number): number {
		return Math.max(this.holdUntil, this.lastSlot + this.spacing(now));
	}

	/**
	 * How long the next turn in `lane` is from now, in ms, for a request that asks now: behind its own lane's waiters
	 * (a resend only behind its lane's other resends), and behind as many of each other lane's as the turns taken
	 * across lanes serve before it.
	 */
	turnIn(lane = '', resend = false): number {
		const now = this.clock.now();
		const own = this.aheadInLane(lane, resend);
		let ahead = own;
		for (const [other, waiters] of this.lanes) if (other !== lane) ahead += Math.min(waiters.length, own + 1);
		return Math.max(now, this.nextSlot(now)) - now + ahead * this.spacing(now);
	}

	/**
	 * Waits for the next turn in `lane`; resolves the ms waited. While Thinkeo limits the rate, a turn more than
	 * `limitMs` away (as far as can be told, or once waiting) is not taken: resolves undefined, no later than
	 * `limitMs` from now. Before, the request goes at `limitMs` instead: the first rate is the node's, not Thinkeo's.
	 * A `resend` (a request Thinkeo limited, back from its wait) goes before its lane's first turns, after its other
	 * resends: sent to the back, its waits would add up to its whole lane's once per rate-limit answer, past Max Total
	 * Wait at low limits.
	 */
	async turn(limitMs = MAX_TIMER_MS, lane = '', resend = false): Promise<number | undefined> {
		const now = this.clock.now();
		const limit = Math.min(limitMs, MAX_TIMER_MS);
		const tooFar = this.turnIn(lane, resend) > limit;
		if (tooFar && this.pacing(now)) return undefined;
		// Before Thinkeo limits the rate, the ramp holds back bursts only: a request that finds fewer than FIRST_BURST
		// unanswered ones (one after another, as paging and the trigger send them) goes at once.
		const fewInFlight = !this.pacing(now) && this.inFlight < FIRST_BURST;
		if (tooFar || (!this.waiting && (fewInFlight || this.nextSlot(now) <= now))) {
			this.start(now);
			return 0;
		}
		const waited = new Promise<number | undefined>((resolve) => {
			const waiter = { resend, enteredAt: now, deadline: now + limit, resolve };
			const waiters = this.lanes.get(lane) ?? [];
			waiters.splice(this.aheadInLane(lane, resend), 0, waiter);
			this.lanes.set(lane, waiters);
			this.waiting++;
		});
		if (!this.dispatching) void this.dispatch();
		return await waited;
	}

	/** The waiters of `lane` a new one goes behind: all of them, or for a resend, the resends at their head. */
	private aheadInLane(lane: string, resend: boolean): number {
		const waiters = this.lanes.get(lane) ?? [];
		if (!resend) return waiters.length;
		const firstTurn = waiters.findIndex((waiter) => !waiter.resend);
		return firstTurn === -1 ? waiters.length : firstTurn;
	}

	/**
	 * A start at `now` of a request due at `slot`: a waiter the dispatch let go late keeps its slot, a request that
	 * found no one waiting (the gate was idle, not late) starts the schedule again from now.
	 */
	private start(now: number, slot = now): void {
		this.inFlight++;
		this.sent.push(now);
		forgetBefore(this.sent, now);
		this.lastSlot = Math.max(Math.min(slot, now), now - CATCH_UP_MS);
	}

	/** Starts the waiting requests one by one, a lane at a time, each when the rate in force then allows. */
	private async dispatch(): Promise<void> {
		this.dispatching = true;
		while (this.waiting) {
			const now = this.clock.now();
			const at = Math.max(now, this.nextSlot(now));
			this.letGoBefore(at, now);
			if (!this.waiting) break;
			if (at > now) {
				// Slept in steps of what the rate says now, so that a change of rate while waiting counts.
				await this.clock.sleep(at - now);
				continue;
			}
			const [lane, waiters] = this.lanes.entries().next().value as [string, Waiter[]];
			const waiter = waiters.shift() as Waiter;
			this.lanes.delete(lane);
			// The lane goes to the back of the line.
			if (waiters.length) this.lanes.set(lane, waiters);
			this.waiting--;
			// Every waiter whose slot has passed starts in this same step, however late the timer woke, but while pacing slowly.
			this.start(now, !this.pacing(now) || this.spacing(now) < SHORT_SPACING_MS ? this.nextSlot(now) : now);
			waiter.resolve(now - waiter.enteredAt);
		}
		this.dispatching = false;
	}

	/** Lets go the waiters whose turn would come after their deadline: refused while pacing, else started now. */
	private letGoBefore(at: number, now: number): void {
		const pacing = this.pacing(now);
		for (const [lane, waiters] of this.lanes) {
			const kept = waiters.filter((waiter) => waiter.deadline >= at);
			for (const waiter of waiters) {
				if (waiter.deadline >= at) continue;
				if (!pacing) this.start(now);
				waiter.resolve(pacing ? undefined : now - waiter.enteredAt);
			}
			this.waiting -= waiters.length - kept.length;
			if (kept.length) this.lanes.set(lane, kept);
			else this.lanes.delete(lane);
		}
	}

	/**
	 * The requests Thinkeo accepted in the window up to the one sent at `sentAt` that it rejected: those started then,
	 * less those it rejected so far. A request not answered yet counts as accepted (Thinkeo counted it when it came),
	 * so the count only falls as the other answers of that window come, whatever order they come in. In a busy n8n,
	 * requests reach Thinkeo seconds after they started, and the starts of a window miss what Thinkeo counted; the
	 * accepted answers read in the second before this rejection was read (it came back the same way) count then.
	 */
	private acceptedAround(sentAt: number, now: number): number {
		this.rejected.splice(firstAfter(this.rejected, sentAt), 0, sentAt);
		forgetBefore(this.rejected, now);
		// Half a spacing more at the window's start: Thinkeo counts arrivals, which the network shifts by a few ms, and
		// at a low rate one request more or less across the window's edge is a fifth of the count.
		const from = sentAt - WINDOW_MS - (this.rate > 0 ? 500 / this.rate : 0);
		const started = countBetween(this.sent, from, sentAt) - countBetween(this.rejected, from, sentAt);
		// Less one: answers read a second apart were counted by Thinkeo in windows that the network's jitter shifts by
		// a few ms, so a second of reads may hold one more than Thinkeo let through in any second.
		const read = countBetween(this.acceptedRead, now - WINDOW_MS, now) - 1;
		return Math.max(0, started, read);
	}

	/**
	 * An answer that was not a rate limit, to the request sent at `sentAt`. A raise is judged by the requests sent
	 * since: in a busy n8n, answers are read seconds after they came, and raising whenever no rate-limit answer was
	 * read for a while compounds the raises far past the limit before the first of them is answered.
	 */
	noteAccepted(sentAt = this.clock.now()): void {
		const now = this.clock.now();
		this.noteAnswered();
		this.acceptedRead.push(now);
		forgetBefore(this.acceptedRead, now);
		if (!this.pacing(now) || now < this.holdUntil) return;
		const raised = this.lastRaise > this.lastCut;
		const quietMs = raised ? RAISE_MS : Math.max(this.probeMs, Math.min((PROBE_STARTS * 1000) / this.rate, PROBE_STARTS_MS));
		if (sentAt - (raised ? this.lastRaise : this.lastCut) < quietMs) return;
		// Thinkeo accepted a request sent a quiet span after the last raise, so the next one may be bolder.
		if (raised) this.probeMs = PROBE_MS;
		this.rate *= 1 + this.raise;
		this.raise = Math.min(this.raise * 2, LARGEST_RAISE);
		this.lastRaise = now;
	}

	/**
	 * An answer to a started request, whatever it was: the one note of a rate-limit answer the node does not act on
	 * (resends are off), from which nothing is learned.
	 */
	noteAnswered(): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
	}

	/**
	 * A rate-limit answer asking to wait `waitMs` to the request sent at `sentAt`, which waits that long before asking
	 * for a turn again.
	 */
	noteLimited(waitMs: number, sentAt = this.clock.now()): void {
		const now = this.clock.now();
		this.noteAnswered();
		const count = this.acceptedAround(sentAt, now);
		const pacing = this.pacing(now);
		// The first rate-limit answer, or one to a request sent a window or more after the last cut, makes a cut;
		// the others answer the last cut's window.
		if (!pacing || sentAt >= this.lastCut + WINDOW_MS) {
			if (!pacing) this.holdUntil = Math.max(this.holdUntil, now + waitMs);
			// A raise rejected within its first window: wait longer before the next one.
			const raiseRejected = this.lastRaise > this.lastCut && sentAt >= this.lastRaise && sentAt - this.lastRaise < WINDOW_MS;
			if (raiseRejected) this.probeMs = Math.min(LONGEST_PROBE_MS, this.probeMs * 2);
			this.cut(now, pacing ? Math.min(this.rate, learned(count)) : learned(count));
		} else {
			// The count falls as the answers of its window come in, and a limit that fell shows as a lower count: the
			// rate follows it down, never up, and no lower than half the cut's. In a busy n8n a request reaches Thinkeo
			// seconds after it started, so the starts of a window may hold few of the requests Thinkeo counted, and
			// their count falls to nothing.
			this.rate = Math.max(this.cutFloor, Math.min(this.rate, learned(count)));
		}
		this.pacingUntil = now + waitMs + PACING_MS;
	}

	/** A cut to `rate`: the rate-limit answers that follow from the same window may lower it to half of it. */
	private cut(now: number, rate: number): void {
		this.rate = rate;
		this.cutFloor = rate / 2;
		this.lastCut = now;
		this.raise = FIRST_RAISE;
	}

	/** Whether the gate holds nothing back any more: no request waits and Thinkeo no longer limits the rate. */
	idle(): boolean {
		return !this.waiting && !this.pacing(this.clock.now());
	}
}

/**
 * The gate of each credential in use, per n8n process: two credentials never wait on each other, while the
 * requests of every workflow on one token share its gate (Thinkeo limits each token). A gate is dropped once no
 * request uses it and it is idle, so the map holds only the credentials Thinkeo limits or that are in use.
 */
export class RateGates {
	private readonly gates = new Map<string, { gate: RateGate; users: number }>();

	constructor(private readonly clock: Clock = realClock) {}

	/** Runs `use` with the gate of `key` (see gateKey); the gate is kept at least until it resolves. */
	async using<T>(key: string, use: (gate: RateGate) => Promise<T>): Promise<T> {
		for (const [other, entry] of this.gates) if (entry.users === 0 && entry.gate.idle()) this.gates.delete(other);
		let entry = this.gates.get(key);
		if (!entry) this.gates.set(key, (entry = { gate: new RateGate(this.clock), users: 0 }));
		entry.users++;
		try {
			return await use(entry.gate);
		} finally {
			entry.users--;
		}
	}

	/** How many gates are kept. */
	get size(): number {
		return this.gates.size;
	}
}

export const processGates = new RateGates();

/**
 * The key of a credential's gate: its Base URL and a hash of its token, never the token itself. An email/password
 * credential has no token before its first exchange: its account stands for the token it is getting. A renewed token
 * gets a gate of its own, as Thinkeo limits each token.
 */
export function gateKey(baseUrl: string, credentials: ICredentialDataDecryptedObject): string {
	const token = credentials.authentication === 'apiToken' ? credentials.apiToken : credentials.teamToken;
	const holder = token ? ['token', String(token)] : ['account', String(credentials.email ?? ''), String(credentials.teamId ?? '')];
	return createHash('sha256')
		.update(JSON.stringify([withoutTrailingSlashes(baseUrl), ...holder]))
		.digest('hex');
}
