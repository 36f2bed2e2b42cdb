import { defineResource } from '../../operationKit/builder';
import { createToken } from './create';
import { deleteToken } from './delete';
import { getManyTokens } from './getMany';

export const tokenResource = defineResource({
	value: 'token',
	name: 'Token',
	description: 'Team API tokens (tkak_…) that authenticate calls to Thinkeo',
	operations: [createToken, getManyTokens, deleteToken],
});
