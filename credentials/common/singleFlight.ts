import { createHash } from 'crypto';

import type { ExchangeClock } from './deadline';
import { beforeDeadline, shortlyAfter, systemClock } from './deadline';

/**
 * Every exchange creates a permanent token in the user's team, so exchanges are kept rare:
 * - n8n starts every item's request at once and each one calls preAuthentication while the stored token is empty
 *   or rejected: callers of the same credential join the exchange still running (single-flight, per process).
 * - A caller may reuse a past exchange's result only if that exchange replaced the very token the caller holds. In
 *   queue mode the stored token may have been written by another worker: a token this process has never replaced
 *   gets a new exchange, never the result of an unrelated one (which may be revoked by now).
 * - Each exchange has a deadline, its time limit from its start: every caller, joiners included, has its answer by
 *   then, so none waits longer than the time limit from its own start.
 */

/** How long one exchange may take, callers that join it included, and the error for one that took longer. */
export interface TimeLimit {
	ms: number;
	late: () => Error;
}

interface Exchange {
	promise: Promise<string>;
	startedAt: number;
	token?: string;
	settledAt?: number;
	failed?: boolean;
	/** The renewal found the token it was asked to replace still valid on GET /teams, and kept it. */
	kept?: boolean;
}

/** How long a renewal's result is handed to callers that held the token it replaced. */
const REUSE_WINDOW_MS = 60_000;
/**
 * A failure (e.g. a wrong password), or a token kept because GET /teams still accepts it, is shared for a few
 * seconds only: a burst makes one attempt, not one per item, and a token revoked a moment later is not handed out.
 */
export const FAILURE_WINDOW_MS = 5_000;
/** Bound of the map of past renewals (one entry per credential and replaced token). */
const MAX_REMEMBERED_EXCHANGES = 1_000;

/** Renewals still running, by credential identity. */
const runningExchanges = new Map<string, Exchange>();
/** Renewals by credential identity and the token they replaced, oldest first. */
const pastExchanges = new Map<string, Exchange>();

/** Tokens are secrets: the map's keys hold their hash only. */
function replacedTokenKey(key: string, token: string): string {
	return `${key}:${createHash('sha256').update(token).digest('hex')}`;
}

function isReusable(exchange: Exchange | undefined, now: number): exchange is Exchange {
	if (!exchange || exchange.settledAt === undefined) return false;
	return now - exchange.settledAt < (exchange.failed || exchange.kept ? FAILURE_WINDOW_MS : REUSE_WINDOW_MS);
}

function forgetOldExchanges(now: number): void {
	for (const [replaced, exchange] of pastExchanges) {
		const expired = exchange.settledAt !== undefined && now - exchange.settledAt >= REUSE_WINDOW_MS;
		if (expired || pastExchanges.size > MAX_REMEMBERED_EXCHANGES) pastExchanges.delete(replaced);
	}
}

/**
 * Runs `exchange` for `currentToken` (the token the caller holds, '' for none) unless the caller can share one: the
 * credential's renewal still running (and younger than its time limit), or a recent renewal that replaced this
 * very token (followed along: if its result was replaced since, the newer result). `exchange` gets the signal of its
 * deadline, `timeLimit` from its start, and should fail when it fires, naming what it was waiting for; if it does
 * not, it is left behind then with `timeLimit.late()`.
 */
export async function singleFlight(
	key: string,
	currentToken: string,
	exchange: (deadline: AbortSignal) => Promise<string>,
	timeLimit: TimeLimit,
	clock: ExchangeClock = systemClock,
): Promise<string> {
	const now = () => clock.now();
	const running = runningExchanges.get(key);
	if (running && now() - running.startedAt < timeLimit.ms) {
		pastExchanges.set(replacedTokenKey(key, currentToken), running);
		return await running.promise;
	}
	let reusable: Exchange | undefined;
	// A few hops suffice: each one is a renewal of the last minute.
	for (let token = currentToken, hops = 0; hops < 10; hops += 1) {
		const past = pastExchanges.get(replacedTokenKey(key, token));
		if (!isReusable(past, now())) break;
		reusable = past;
		if (past.failed || past.token === undefined || past.token === token) break;
		token = past.token;
	}
	if (reusable) return await reusable.promise;

	const deadline = clock.timeout(timeLimit.ms);
	// The exchange's own error, naming the request the deadline cut, comes first.
	const outcome = beforeDeadline(exchange(deadline), shortlyAfter(deadline), timeLimit.late);
	const entry: Exchange = {
		startedAt: now(),
		promise: outcome.then(
			(token) => {
				entry.token = token;
				entry.kept = token === currentToken;
				entry.settledAt = now();
				return token;
			},
			(error: unknown) => {
				entry.failed = true;
				entry.settledAt = now();
				throw error;
			},
		),
	};
	// Late joiners of a failed exchange await the same rejected promise; mark it handled for the first settle.
	entry.promise.catch(() => undefined);
	void entry.promise.finally(() => {
		if (runningExchanges.get(key) === entry) runningExchanges.delete(key);
	}).catch(() => undefined);
	runningExchanges.set(key, entry);
	forgetOldExchanges(now());
	pastExchanges.set(replacedTokenKey(key, currentToken), entry);
	return await entry.promise;
}

export function forgetExchanges(): void {
	runningExchanges.clear();
	pastExchanges.clear();
}

/** How many past renewals are remembered (the map is bounded by age and size). */
export function rememberedExchanges(): number {
	return pastExchanges.size;
}
