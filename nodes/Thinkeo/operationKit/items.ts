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

function isRecord(json: unknown): json is IDataObject {
	return typeof json === 'object' && json !== null && !Array.isArray(json);
}

/** An n8n item's `json` must be an object: anything else Thinkeo answers (text, a number, null) becomes `{value}`. */
function asRecord(json: unknown): IDataObject {
	return isRecord(json) ? json : { value: json as IDataObject['value'] };
}

/**
 * Shared postReceive: a JSON array answer becomes one item per element (n8n does this by itself only for
 * operations without postReceive actions, and every Thinkeo operation has the shared error check), an empty
 * answer becomes `{success: true}`, and an answer or element that is not an object (plain text, a JSON scalar, `null`
 * in a list) becomes `{value: …}`, so every item is one n8n can use. An empty list is no item for an operation that
 * `listsRecords` (Get Many of nothing), and one empty item for any other: those answer for one input item each, which
 * must not vanish (n8n's "Always Output Data" gives the same empty item).
 */
export function normalizeItems(listsRecords: boolean): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return items.flatMap((item) => {
			if (Array.isArray(item.json)) {
				const records = (item.json as unknown[]).map((json) => ({ json: asRecord(json) }));
				return records.length > 0 || listsRecords ? records : [{ json: {} }];
			}
			if (isEmptyBody(item.json)) return [{ ...item, json: { success: true } }];
			// A download's bytes stay as they are for its own postReceive, which turns them into a binary field.
			if (Buffer.isBuffer(item.json)) return [item];
			return [{ ...item, json: asRecord(item.json) }];
		});
	};
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
