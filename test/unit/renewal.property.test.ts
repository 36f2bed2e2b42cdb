/**
 * sendWithRenewal, the one place that resends after a 401 n8n 1.x handed back (routed operations and the node's own
 * requests both go through it), searched with fast-check: whatever the two sends answer or throw, it sends at most
 * twice, resends only a handed-back 401 whose body is no stream, resends with status errors on (so n8n renews), and
 * hands back exactly what the last send gave.
 */
import fc from 'fast-check';
import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { IGNORE_STATUS_ERRORS_BUT_401, sendWithRenewal } from '../../nodes/Thinkeo/transport/renewal';

/** A body that is a stream: read once, it cannot be sent again. */
const fakeStream = () => ({ pipe: () => undefined });

type Reply = { answer: number } | { throws: number | undefined };

const reply: fc.Arbitrary<Reply> = fc.oneof(
	fc.record({ answer: fc.constantFrom(200, 204, 401, 403, 404, 429, 500) }),
	// A failure with an answer (n8n's status error: the 401 it threw after renewing…), or without one (a reset).
	fc.record({ throws: fc.option(fc.constantFrom(401, 403, 500), { nil: undefined }) }),
);

const answerOf = (statusCode: number) => ({ statusCode, headers: {}, body: { statusCode } }) as IN8nHttpFullResponse;

it('sends at most twice, resends only a handed-back 401 with a body it can send again, and returns what the last send gave', async () => {
	await fc.assert(
		fc.asyncProperty(reply, reply, fc.boolean(), async (first, second, streamed) => {
			const sent: IHttpRequestOptions[] = [];
			const options: IHttpRequestOptions = {
				method: 'POST',
				url: '/attachments',
				body: streamed ? (fakeStream() as unknown as IHttpRequestOptions['body']) : { a: 1 },
				ignoreHttpStatusErrors: IGNORE_STATUS_ERRORS_BUT_401,
			};
			const send = async (request: IHttpRequestOptions) => {
				const next = [first, second][sent.push(request) - 1];
				if ('answer' in next) return answerOf(next.answer);
				const response = next.throws === undefined ? undefined : { status: next.throws, headers: {}, data: { status: next.throws } };
				throw Object.assign(new Error('request failed'), { response });
			};
			// The node's own requests: n8n 1.x hands the 401 back as an answer.
			const outcome = sendWithRenewal(send, options, (result) => ('value' in result ? result.value : undefined));
			const renews = 'answer' in first && first.answer === 401 && !streamed;
			const last = renews ? second : first;
			if ('throws' in last && (!renews || last.throws === undefined)) {
				await expect(outcome).rejects.toThrow('request failed');
			} else if ('throws' in last) {
				expect(await outcome).toEqual({ rejected: expect.objectContaining({ statusCode: last.throws }), error: expect.any(Error) });
			} else {
				expect(await outcome).toEqual({ value: answerOf(last.answer) });
			}
			expect(sent.length).toBe(renews ? 2 : 1);
			expect(sent[0]).toBe(options);
			if (renews) expect(sent[1]).toEqual({ ...options, ignoreHttpStatusErrors: false });
		}),
		{ numRuns: 300 },
	);
});
