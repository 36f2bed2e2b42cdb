import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData, INodeProperties, PostReceiveAction } from 'n8n-workflow';

import { describeValue } from '../transport/apiMessage';
import { UnusableAnswerError } from '../transport/errors';

/**
 * n8n's Simplify option (its display name and description), off by default here so that existing workflows keep
 * their output; an AI tool gets it on from its workflow's author or from the model (docs/ai-agents.md). Named
 * `simplify`, not n8n's usual `simple`: n8n's verification requires `simple` to default to on.
 */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

export function isSimplified(context: IExecuteSingleFunctions): boolean {
	return context.getNodeParameter('simplify', false) === true;
}

/** The record with only the named fields, in that order, those it lacks (or holds as null or empty text) left out. */
export function pickFields(record: IDataObject, fields: string[]): IDataObject {
	return Object.fromEntries(fields.filter((field) => record[field] !== undefined && record[field] !== null && record[field] !== '').map((field) => [field, record[field]]));
}

/**
 * postReceive: with Simplify on, each item keeps what `simplify` makes of its JSON. A record without an ID is no
 * record of Thinkeo's (an answer of null, a number, an error page): it fails the item instead of becoming `{}`.
 */
export function simplifyItems(simplify: (record: IDataObject) => IDataObject): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		if (!isSimplified(this)) return items;
		return items.map((item) => {
			const json = simplify(item.json);
			if (json.id === undefined) throw new UnusableAnswerError(`Thinkeo answered with ${describeValue(item.json)}, a record without an ID, which Simplify cannot reduce`);
			return { ...item, json };
		});
	};
}
