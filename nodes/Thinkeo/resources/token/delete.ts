import { deleteRouting } from '../../operationKit/items';
import { idLocator } from '../../operationKit/locators';
import { defineOperation } from '../../operationKit/builder';

export const deleteToken = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Revoke an API token',
	description:
		'Revoke an API token of the current team so Thinkeo rejects it from now on; outputs deleted: true with the token ID (DELETE /tokens/{tokenId})',
	// INFERRED: revocation exists in the platform; the reference assumes DELETE for the API.
	routing: deleteRouting('/tokens/{tokenId}', 'tokenId'),
	fields: [
		idLocator({
			name: 'tokenId',
			label: 'Token',
			searchListMethod: 'searchTokens',
			description:
				'The API token to revoke (its ID, not its tkak_… secret). Revoking the token this credential uses makes the next call create a new one (Email & Password) or fail (API Token).',
		}),
	],
});
