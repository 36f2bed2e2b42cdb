import { defineResource } from '../../shared/operation';

export const userResource = defineResource({
	value: 'user',
	name: 'User',
	description: 'The user the credential belongs to',
	operations: [],
});
