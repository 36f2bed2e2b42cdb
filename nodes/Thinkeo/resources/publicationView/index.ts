import { defineResource } from '../../operation/builder';
import { viewOperations } from '../../operation/views';

export const publicationViewResource = defineResource({
	value: 'publicationView',
	name: 'Publication View',
	description: 'Saved filtered views of publications',
	operations: viewOperations({ basePath: '/publications', noun: 'publication', searchListMethod: 'searchPublicationViews' }),
});
