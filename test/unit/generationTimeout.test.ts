import type { IExecuteSingleFunctions, IHttpRequestOptions, PreSendAction } from 'n8n-workflow';

import { renderBlock } from '../../nodes/Thinkeo/resources/block/render';
import { createPublication } from '../../nodes/Thinkeo/resources/publication/create';
import { allowLongGeneration } from '../../nodes/Thinkeo/generation/timeout';

const TEN_MINUTES = 10 * 60 * 1000;

/** The request timeout the operation's own preSend step leaves, with `requestOptions` as the node's Request Options. */
async function timeoutOf(preSend: PreSendAction[], requestOptions: Record<string, unknown>) {
	const context = {
		getNodeParameter: (name: string, fallback: unknown) =>
			name.startsWith('requestOptions.') ? (requestOptions[name.slice('requestOptions.'.length)] ?? fallback) : fallback,
	} as unknown as IExecuteSingleFunctions;
	// n8n sets its own 5-minute default before the preSend steps run.
	const options: IHttpRequestOptions = { url: '/x', timeout: 300_000 };
	const step = preSend.find((action) => action === allowLongGeneration)!;
	return (await step.call(context, options)).timeout;
}

describe.each([
	['Publication → Create', createPublication],
	['Block → Render', renderBlock],
])('%s', (_label, operation) => {
	const preSend = (operation.routing.send?.preSend ?? []) as PreSendAction[];

	it('waits at least 10 minutes for Thinkeo by default, past n8n’s 5-minute limit', async () => {
		expect(preSend).toContain(allowLongGeneration);
		expect(await timeoutOf(preSend, {})).toBeGreaterThanOrEqual(TEN_MINUTES);
	});

	it('keeps the Timeout the user chose in Request Options', async () => {
		expect(await timeoutOf(preSend, { timeout: 5000 })).toBe(5000);
	});
});
