import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { normalizeItems, outputDeleted } from '../../nodes/Thinkeo/operationKit/items';

const context = (parameters: Record<string, unknown> = {}) =>
	({ getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback }) as unknown as IExecuteSingleFunctions;

type PostReceive = (this: IExecuteSingleFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

/** The shared step of an operation that answers one record per input item (`listsRecords` false) or lists records. */
const run = async (items: INodeExecutionData[], listsRecords = false) =>
	await (normalizeItems(listsRecords) as PostReceive).call(context(), items);

describe('shared output handling', () => {
	it('makes one item per element of an array answer', async () => {
		expect(await run([{ json: [{ id: 'a' }, { id: 'b' }] as never }])).toEqual([{ json: { id: 'a' } }, { json: { id: 'b' } }]);
	});

	it('turns an empty answer into one item', async () => {
		for (const empty of ['', null, undefined]) {
			expect(await run([{ json: empty as never }])).toEqual([{ json: { success: true } }]);
		}
	});

	it('keeps an empty list empty for an operation that lists records, and one empty item for any other (no input item vanishes)', async () => {
		expect(await run([{ json: [] as never }], true)).toEqual([]);
		expect(await run([{ json: [] as never }], false)).toEqual([{ json: {} }]);
	});

	it('leaves an object answer as it is', async () => {
		expect(await run([{ json: { id: 'a' } }])).toEqual([{ json: { id: 'a' } }]);
	});

	it('wraps what is not an object (text, a JSON scalar, null in a list) as {value}, so every item is an object', async () => {
		expect(await run([{ json: [1, 'a', null, { id: 'b' }, [2]] as never }])).toEqual([
			{ json: { value: 1 } },
			{ json: { value: 'a' } },
			{ json: { value: null } },
			{ json: { id: 'b' } },
			{ json: { value: [2] } },
		]);
		for (const scalar of ['plain text answer', 42, 0, true, false]) {
			expect(await run([{ json: scalar as never }])).toEqual([{ json: { value: scalar } }]);
		}
	});

	it("leaves a download's bytes to the download's own step", async () => {
		const bytes = Buffer.from('%PDF');
		expect(await run([{ json: bytes as never }])).toEqual([{ json: bytes }]);
	});

	it('says what a delete removed, whatever Thinkeo answered', async () => {
		const deleted = outputDeleted('viewId');
		const items = await (deleted as (this: IExecuteSingleFunctions) => Promise<INodeExecutionData[]>).call(
			context({ viewId: '0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6b' }),
		);
		expect(items).toEqual([{ json: { deleted: true, id: '0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6b' } }]);
	});
});
