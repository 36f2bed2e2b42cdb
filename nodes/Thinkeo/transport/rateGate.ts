import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { MAX_TIMER_MS } from './rateLimitPolicy';

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

// A monotonic clock: turns booked before the system clock is set back (NTP, a test's fake Date) must not wait for it.
const realClock: Clock = { now: () => performance.now(), sleep: async (ms) => await sleep(ms) };

/** Pacing ends once Thinkeo has not limited the rate for this long. */
const PACING_MS = 60_000;
/** How much each accepted answer narrows the spacing while pacing. */
const NARROWING = 0.98;

/**
 * The requests of one credential (token) to one Thinkeo address while Thinkeo limits its rate. The first rate-limit
 * answer holds back every turn for the wait it asks for; then requests start in turn, spaced by 1 s divided by the
 * answers Thinkeo accepted in the second before the last rate-limit answer. Each accepted answer narrows the spacing
 * by 2%, so that a count taken while n8n itself was slow does not hold the rate down; the next rate-limit answer
 * sets it again from the count. Only the request it answered waits then: the others keep their turns. A turn is
 * booked when it is asked for, so its wait is known before waiting.
 */
export class RateGate {
	private accepted: number[] = [];
	private nextStart = 0;
	private spacingMs = 0;
	private pacingUntil = 0;

	constructor(readonly clock: Clock = realClock) {}

	/** How long the next turn is from now, in ms. */
	turnIn(): number {
		return Math.max(0, this.nextStart - this.clock.now());
	}

	/**
	 * Books the next turn and waits for it; resolves the ms waited. A turn more than `limitMs` away is not booked:
	 * resolves undefined at once.
	 */
	async turn(limitMs = MAX_TIMER_MS): Promise<number | undefined> {
		const now = this.clock.now();
		const start = Math.max(now, this.nextStart);
		const wait = start - now;
		if (wait > Math.min(limitMs, MAX_TIMER_MS)) return undefined;
		this.nextStart = start < this.pacingUntil ? start + this.spacingMs : start;
		if (wait > 0) await this.clock.sleep(wait);
		return wait;
	}

	/** An answer that was not a rate limit. */
	noteAccepted(): void {
		const now = this.clock.now();
		if (now < this.pacingUntil) this.spacingMs *= NARROWING;
		this.accepted.push(now);
		while (this.accepted.length && this.accepted[0] <= now - 1000) this.accepted.shift();
	}

	/** A rate-limit answer asking to wait `waitMs`, which its request waits before asking for a turn again. */
	noteLimited(waitMs: number): void {
		const now = this.clock.now();
		if (now >= this.pacingUntil) this.nextStart = Math.max(this.nextStart, now + waitMs);
		this.pacingUntil = now + waitMs + PACING_MS;
		this.spacingMs = 1000 / Math.max(1, this.accepted.filter((time) => time > now - 1000).length);
	}

	/** Whether the gate holds nothing back any more: its turns have passed and Thinkeo no longer limits the rate. */
	idle(): boolean {
		const now = this.clock.now();
		return now >= this.nextStart && now >= this.pacingUntil;
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
		.update(JSON.stringify([baseUrl.replace(/\/+$/, ''), ...holder]))
		.digest('hex');
}
