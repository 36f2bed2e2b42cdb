import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * Shared postReceive: a JSON array answer becomes one item per element. n8n does this by itself only for
 * operations without postReceive actions, and every Thinkeo operation has the shared error check.
 */
export async function splitArrayIntoItems(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.flatMap((item) =>
		Array.isArray(item.json) ? (item.json as IDataObject[]).map((json) => ({ json })) : [item],
	);
}
