import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RateGate } from './rateGate';
import { gateKey, processGates } from './rateGate';
import type { RateLimited, RateLimitSettings, RequestContext } from './rateLimitPolicy';
import { backoffMs, MAX_TIMER_MS, rateLimitOf, rateLimitSettings } from './rateLimitPolicy';
import { answerOf, ThinkeoApiError } from './errors';
import { bufferNonSuccessBody, reopenedBody } from './stream';

/** Rate limits, the resend loop: sends a request again while Thinkeo limits the rate (policy in rateLimitPolicy.ts). */

/** What one send ended with: the answer, or what it threw. */
export type Outcome<T> = { value: T } | { error: unknown };

export interface ResendPlan<T> {
	settings: RateLimitSettings;
	gate: RateGate;
	/** Whose turn this is among the gate's requests (the execution), so that executions share the rate in turn. */
	lane?: string;
	/** Sends the request once. */
	send: () => Promise<T>;
	/** The outcome as a rate limit, or undefined when it is anything else. */
	limitOf: (outcome: Outcome<T>) => RateLimited | undefined;
	/** Makes the request ready to be sent again; resolves why it cannot be, or undefined. */
	prepareResend: () => Promise<string | undefined>;
	/** The error for a request the node did not send, as its turn would pass Max Total Wait; `note` says so. */
	notSent: (note: string) => Error;
	random?: () => number;
}

/** What the resend loop did: the last send's outcome, and why it stopped resending when that is still a rate limit. */
export interface Resent<T> {
	outcome: Outcome<T>;
	/** The waits made and why the node stopped, for the error's hint; none when the last answer was no rate limit. */
	rateLimitNote?: string;
}

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

function waitsMade(firstTurn: number, resendWaits: number[]): string {
	const waits = [...(firstTurn > 0 ? [`${seconds(firstTurn)} for its first turn`] : []), ...resendWaits.map(seconds)];
	if (!waits.length) return 'without waiting';
	const total = resendWaits.reduce((sum, wait) => sum + wait, firstTurn);
	return `after waiting ${waits.join(', ')} (${seconds(total)} in all)`;
}

/**
 * Sends a request, and sends it again while Thinkeo answers with a rate limit, within the settings. Every wait
 * counts against Max Total Wait: the first turn, each Retry-After (or backoff) and the turn after it; a wait that
 * would pass it (or that no timer can hold) is not made. Resolves what the last send did; when that is still a rate
 * limit (and resends are on), with a note that names the waits made and why the node stopped. A request whose first
 * turn would already pass Max Total Wait is not sent: throws `notSent`.
 */
export async function sendWithResends<T>(plan: ResendPlan<T>): Promise<Resent<T>> {
	const { settings, gate, lane, send, limitOf, prepareResend, notSent, random = Math.random } = plan;
	const maxWait = seconds(settings.maxWaitMs);
	const firstTurn = await gate.turn(settings.maxWaitMs, lane);
	if (firstTurn === undefined) {
		throw notSent(
			`Thinkeo limited the rate of this credential's requests, and this request's turn comes in ${seconds(gate.turnIn(lane))}, past Rate Limit Max Total Wait (${maxWait}), so the node did not send it.`,
		);
	}
	const waits: number[] = [];
	const waited = () => waits.reduce((sum, wait) => sum + wait, firstTurn);
	for (let tries = 1; ; tries++) {
		let outcome: Outcome<T>;
		const sentAt = gate.clock.now();
		try {
			outcome = { value: await send() };
		} catch (error) {
			outcome = { error };
		}
		const limited = limitOf(outcome);
		if (!limited) {
			gate.noteAccepted(sentAt);
			return { outcome };
		}
		// A streamed body (a download's) is read for Thinkeo's message and destroyed: its connection is not held.
		await bufferNonSuccessBody(limited.response);
		const wait = limited.retryAfterMs ?? backoffMs(tries, random);
		let stop = await whyStop(tries, wait);
		// With resends on, every rate-limit answer tells the gate Thinkeo's rate, also one to a request that gives up
		// (else the gate raises its rate into the limit); only one that waits holds the others back for its wait.
		if (settings.maxTries > 1) gate.noteLimited(stop ? 0 : wait, sentAt);
		else gate.noteAnswered();
		if (!stop) {
			if (wait > 0) await gate.clock.sleep(wait);
			const turn = await gate.turn(settings.maxWaitMs - waited() - wait, lane, true);
			if (turn === undefined) {
				stop = `waiting ${seconds(gate.turnIn(lane, true))} more for its turn among this credential's requests would pass Rate Limit Max Total Wait (${maxWait})`;
				waits.push(wait);
			} else {
				waits.push(wait + turn);
			}
		}
		if (stop) {
			if (settings.maxTries === 1) return { outcome };
			return { outcome, rateLimitNote: `The node sent this request ${tries} time(s) ${waitsMade(firstTurn, waits)}: ${stop}.` };
		}
	}

	/** Why the node sends the request no more rather than wait `wait` ms, or undefined once it is ready to be resent. */
	async function whyStop(tries: number, wait: number): Promise<string | undefined> {
		if (tries >= settings.maxTries) return `Thinkeo still limited the rate after ${settings.maxTries} tries (Rate Limit Max Tries)`;
		if (wait > MAX_TIMER_MS) return `Thinkeo asked to wait ${seconds(wait)}, longer than the node can wait`;
		// The turn after the wait comes no sooner than the gate's next turn.
		const ahead = Math.max(wait, gate.turnIn(lane, true));
		if (waited() + ahead > settings.maxWaitMs) {
			return `waiting ${seconds(ahead)} more would pass Rate Limit Max Total Wait (${maxWait})`;
		}
		return await prepareResend();
	}
}

/** The error for a request the node did not send because its turn would pass Max Total Wait. */
function notSentError(context: RequestContext, step: string): (note: string) => Error {
	return (note) =>
		new NodeOperationError(context.getNode(), `Thinkeo is limiting the request rate: ${step} was not sent`, {
			description: `${note} Raise Rate Limit Max Total Wait in the node's Request Options, or space the requests out with Request Options → Batching.`,
		});
}

/**
 * One attempt of a routed request (routedRequest.ts) with resends, through the gate of the node's credential. The
 * attempt throws a status error built from Thinkeo's answer (checkAnswer); the last one, still a rate limit, is
 * thrown with the note in its hint.
 */
export function withRateLimitResends(
	context: IExecuteSingleFunctions,
	step: string,
	currentCredentials: () => Promise<ICredentialDataDecryptedObject>,
	attempt: (options: DeclarativeRestApiSettings.HttpRequestOptions) => Promise<INodeExecutionData[]>,
): (options: DeclarativeRestApiSettings.HttpRequestOptions) => Promise<INodeExecutionData[]> {
	return async (options) => {
		const key = gateKey(String(options.baseURL), await currentCredentials());
		const { outcome, rateLimitNote } = await processGates.using(key, async (gate) =>
			await sendWithResends({
				settings: rateLimitSettings.call(context),
				gate,
				lane: context.getExecutionId?.(),
				send: async () => await attempt(options),
				limitOf: (outcome) => ('error' in outcome ? rateLimitOf(answerOf(outcome.error)) : undefined),
				prepareResend: async () => await reopenedBody(options),
				notSent: notSentError(context, step),
			}),
		);
		if ('value' in outcome) return outcome.value;
		const { error } = outcome;
		throw rateLimitNote && error instanceof ThinkeoApiError ? error.withRateLimitNote(rateLimitNote) : error;
	};
}

/**
 * A request of the node's own (transport/request.ts) with resends, through the gate of `credentials`: `send`
 * resolves Thinkeo's answer, whatever its status. Resolves the last answer, and the note for its error if it is
 * still a rate limit.
 */
export async function sendOwnRequestWithResends(
	this: RequestContext,
	step: string,
	request: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	send: () => Promise<IN8nHttpFullResponse>,
): Promise<{ response: IN8nHttpFullResponse; rateLimitNote?: string }> {
	const { outcome, rateLimitNote } = await processGates.using(gateKey(String(request.baseURL), credentials), async (gate) =>
		await sendWithResends({
			settings: rateLimitSettings.call(this),
			gate,
			lane: this.getExecutionId?.(),
			send,
			limitOf: (outcome) => ('value' in outcome ? rateLimitOf(outcome.value) : undefined),
			prepareResend: async () => await reopenedBody(request),
			notSent: notSentError(this, step),
		}),
	);
	if ('error' in outcome) throw outcome.error;
	return { response: outcome.value, rateLimitNote };
}
