import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { normalizeItems, outputDeleted } from '../../nodes/Thinkeo/shared/items';

const context = (parameters: Record<string, unknown> = {}) =>
	({ getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback }) as unknown as IExecuteSingleFunctions;

const run = async (items: INodeExecutionData[]) => await normalizeItems.call(context(), items);

describe('shared output handling', () => {
	it('makes one item per element of an array answer', async () => {
		expect(await run([{ json: [{ id: 'a' }, { id: 'b' }] as never }])).toEqual([{ json: { id: 'a' } }, { json: { id: 'b' } }]);
	});

	it('keeps an empty list empty but turns an empty answer into one item', async () => {
		expect(await run([{ json: [] as never }])).toEqual([]);
		for (const empty of ['', null, undefined]) {
			expect(await run([{ json: empty as never }])).toEqual([{ json: { success: true } }]);
		}
	});

	it('leaves an object answer as it is', async () => {
		expect(await run([{ json: { id: 'a' } }])).toEqual([{ json: { id: 'a' } }]);
	});

	it('says what a delete removed, whatever Thinkeo answered', async () => {
		const deleted = outputDeleted('viewId');
		const items = await (deleted as (this: IExecuteSingleFunctions) => Promise<INodeExecutionData[]>).call(
			context({ viewId: '0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6b' }),
		);
		expect(items).toEqual([{ json: { deleted: true, id: '0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6b' } }]);
	});
});
