import { returnAllAndLimit } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { simplifyField, simplifyItems } from '../../simplify/option';
import { simpleAttachment } from '../../simplify/publication';
import { publicationLocator } from './fields';

export const getPublicationAttachments = defineOperation({
	value: 'getAttachments',
	name: 'Get Attachments',
	action: 'Get the attachments of a publication',
	description:
		'List the files attached to or exported from a publication, one item each with ID, file name, SHA-1 and URL (with Simplify: ID, name, type and URL) (use Attachment → Download to get the bytes) (GET /publications/{publication_id}/attachments)',
	routing: {
		request: { method: 'GET', url: '/publications/{publicationId}/attachments' },
		output: { postReceive: [simplifyItems(simpleAttachment)] },
	},
	fields: [
		publicationLocator(),
		...returnAllAndLimit(),
		simplifyField,
	],
});
