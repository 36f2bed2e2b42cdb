import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/** A secret typed into the node (password, refresh token): masked in the editor and sent as one body property. */
export function secretField(
	name: string,
	displayName: string,
	description: string,
	bodyProperty: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description,
		routing: { send: { type: 'body', property: bodyProperty } },
		...extra,
	};
}

const PASSWORD_KEYS = ['password', 'currentPassword', 'newPassword'];

/**
 * postReceive for operations that send a password: whatever Thinkeo answers, no password property reaches the
 * output item.
 */
export async function withoutPasswords(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const json: IDataObject = { ...item.json };
		for (const key of PASSWORD_KEYS) delete json[key];
		return { ...item, json };
	});
}
