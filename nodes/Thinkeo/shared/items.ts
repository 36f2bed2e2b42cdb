import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodePropertyRouting,
	PostReceiveAction,
} from 'n8n-workflow';

function isEmptyBody(json: unknown): boolean {
	return json === undefined || json === null || json === '' || (Buffer.isBuffer(json) && json.length === 0);
}

/**
 * Shared postReceive: a JSON array answer becomes one item per element (n8n does this by itself only for
 * operations without postReceive actions, and every Thinkeo operation has the shared error check), and an empty
 * answer becomes `{success: true}`, so an input item never vanishes.
 */
export async function normalizeItems(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.flatMap((item) => {
		if (Array.isArray(item.json)) return (item.json as IDataObject[]).map((json) => ({ json }));
		if (isEmptyBody(item.json)) return [{ ...item, json: { success: true } }];
		return [item];
	});
}

/** postReceive for delete operations: whatever Thinkeo answers, the item says what was deleted. */
export function outputDeleted(idParameter: string): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
		const id = this.getNodeParameter(idParameter, '', { extractValue: true }) as string;
		return [{ json: { deleted: true, id } }];
	};
}

/** Routing of a delete operation: DELETE `url`, then `outputDeleted` with the ID in `idParameter`. */
export function deleteRouting(url: string, idParameter: string): INodePropertyRouting {
	return { request: { method: 'DELETE', url }, output: { postReceive: [outputDeleted(idParameter)] } };
}
