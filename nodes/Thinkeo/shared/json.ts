import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Reads a JSON parameter (text or an object from an expression) and reports invalid JSON
 * before any request is sent, naming the parameter and the parse error.
 */
export function parseJsonParameter(this: IExecuteSingleFunctions, name: string, label: string): unknown {
	const raw = this.getNodeParameter(name, '{}') as unknown;
	if (typeof raw !== 'string') return raw;
	try {
		return JSON.parse(raw.trim() === '' ? '{}' : raw);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `${label}: invalid JSON (${(error as Error).message})`, {
			itemIndex: this.getItemIndex(),
		});
	}
}
