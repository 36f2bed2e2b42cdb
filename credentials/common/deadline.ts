import { sleep } from 'n8n-workflow';

/**
 * The wall-clock deadline of a token exchange. A request's `timeout` is an idle-socket timeout: a body that trickles
 * one byte every few seconds never trips it. So the exchange gets one AbortSignal when it starts, for every request
 * in it (n8n's helper aborts the request and destroys its socket when it fires) and for every caller that joins it.
 */

/** Time limit of one token exchange: every request in it together, callers that join it included. */
export const EXCHANGE_TIME_LIMIT_MS = 30_000;

/** Time as the exchange sees it; tests pass a fake one to run thousands of exchanges without waiting. */
export interface ExchangeClock {
	now(): number;
	/** A signal that fires `ms` from now. */
	timeout(ms: number): AbortSignal;
}

export const systemClock: ExchangeClock = {
	now: () => Date.now(),
	// AbortSignal.timeout's timer keeps no process alive and needs no clearing once the exchange is over.
	timeout: (ms) => AbortSignal.timeout(ms),
};

/** `work`'s outcome, or `late()` thrown as soon as `signal` fires, whichever comes first. */
export async function beforeDeadline<T>(work: Promise<T>, signal: AbortSignal, late: () => Error): Promise<T> {
	const abandon = new AbortController();
	const deadline = new Promise<never>((_resolve, reject) => {
		if (signal.aborted) reject(late());
		else signal.addEventListener('abort', () => reject(late()), { once: true, signal: abandon.signal });
	});
	try {
		return await Promise.race([work, deadline]);
	} finally {
		// The listener goes once `work` has settled: a long-lived signal does not collect one per request.
		abandon.abort();
	}
}

/**
 * A signal that fires one turn of the event loop after `signal`: whatever settles in reaction to `signal` itself (the
 * exchange's own error, naming the request the deadline cut) settles before anything waiting for this one.
 */
export function shortlyAfter(signal: AbortSignal): AbortSignal {
	const later = new AbortController();
	const follow = () => void sleep(0).then(() => later.abort());
	if (signal.aborted) follow();
	else signal.addEventListener('abort', follow, { once: true });
	return later.signal;
}
