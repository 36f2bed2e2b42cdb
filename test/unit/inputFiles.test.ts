import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeType } from 'n8n-workflow';
import fc from 'fast-check';

import { generationInputsPerItem, NO_INPUTS, PerItemStore, sha1Hex } from '../../nodes/Thinkeo/generation/input/inputFiles';
import { runDeclarativeNode } from '../support/declarativeRun';
import { startRecordingServer } from '../support/streams';

/**
 * A declarative node shaped like Publication → Create: its preSend keeps the item's inputs in
 * generationInputsPerItem (for the items that say so), its postReceive outputs what it reads back.
 */
function handOffNode(baseURL: string): INodeType {
	return {
		description: {
			displayName: 'Hand-off',
			name: 'handOff',
			group: ['transform'],
			version: 1,
			description: 'preSend to postReceive',
			defaults: { name: 'Hand-off' },
			inputs: ['main'],
			outputs: ['main'],
			requestDefaults: { baseURL },
			properties: [
				{
					displayName: 'Send',
					name: 'send',
					type: 'string',
					default: '',
					routing: {
						request: { method: 'GET', url: '/generate' },
						send: {
							preSend: [
								async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
									const { name, keep } = this.getInputData().json as { name: string; keep: boolean };
									if (keep) generationInputsPerItem.keep(this, { attachmentIds: [], sha1s: [], urls: [name] });
									return options;
								},
							],
						},
						output: {
							postReceive: [
								async function (this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
									return [{ json: { item: this.getItemIndex(), inputs: generationInputsPerItem.read(this) as never } }];
								},
							],
						},
					},
				},
			],
		},
	};
}

describe('generationInputsPerItem, in n8n-core\'s own routing', () => {
	it('gives each item\'s postReceive what that item\'s preSend kept, though n8n sends the items side by side', async () => {
		const server = await startRecordingServer(() => ({ headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') }));
		try {
			const items = ['first', 'second', 'third', 'fourth'].map((name) => ({ json: { name, keep: true } }));
			const { items: output, error } = await runDeclarativeNode(handOffNode(server.url), items);
			expect(error).toBeUndefined();
			expect(output.map(({ json }: INodeExecutionData) => json)).toEqual(
				['first', 'second', 'third', 'fourth'].map((name, item) => ({ item, inputs: { attachmentIds: [], sha1s: [], urls: [name] } })),
			);
			expect(server.requests).toHaveLength(4);
		} finally {
			await server.close();
		}
	});

	it('has nothing for an item whose preSend kept nothing, whatever other items and earlier runs kept', async () => {
		const server = await startRecordingServer(() => ({ headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') }));
		try {
			const node = handOffNode(server.url);
			await runDeclarativeNode(node, [{ json: { name: 'earlier run', keep: true } }, { json: { name: 'also earlier', keep: true } }]);
			const { items: output } = await runDeclarativeNode(node, [{ json: { name: 'kept', keep: true } }, { json: { name: 'not kept', keep: false } }]);
			expect(output.map(({ json }: INodeExecutionData) => json.inputs)).toEqual([{ attachmentIds: [], sha1s: [], urls: ['kept'] }, NO_INPUTS]);
		} finally {
			await server.close();
		}
	});
});

describe('PerItemStore', () => {
	const item = () => ({}) as IExecuteSingleFunctions;

	it('reads back the last value an item kept, never another item\'s, and the absent value for an item that kept none', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.nat({ max: 4 }), fc.string()), { maxLength: 20 }), (writes) => {
				const store = new PerItemStore<string>('absent');
				const items = [item(), item(), item(), item(), item()];
				const last = new Map<number, string>();
				for (const [index, value] of writes) {
					store.keep(items[index], value);
					last.set(index, value);
				}
				items.forEach((each, index) => expect(store.read(each)).toBe(last.get(index) ?? 'absent'));
				expect(store.read(item())).toBe('absent');
			}),
		);
	});
});

describe('sha1Hex', () => {
	it('reads the documented 20 byte values and a hex string alike, lower-case', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (bytes) => {
				const hex = Buffer.from(bytes).toString('hex');
				expect(sha1Hex([...bytes])).toBe(hex);
				expect(sha1Hex(` ${hex.toUpperCase()} `)).toBe(hex);
			}),
		);
	});

	it('reads nothing from anything else', () => {
		fc.assert(
			fc.property(fc.oneof(fc.array(fc.integer({ min: -1, max: 300 }), { maxLength: 25 }), fc.string(), fc.object()), (value) => {
				const hex = sha1Hex(value);
				if (hex !== undefined) expect(hex).toMatch(/^[0-9a-f]{40}$/);
			}),
		);
		expect(sha1Hex([1, 2, 3])).toBeUndefined();
		expect(sha1Hex([...Buffer.alloc(19), 256])).toBeUndefined();
		expect(sha1Hex('ab'.repeat(19))).toBeUndefined();
		expect(sha1Hex(null)).toBeUndefined();
	});
});
