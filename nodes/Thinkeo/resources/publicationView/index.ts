import { defineResource } from '../../operationKit/builder';
import { createView } from '../views/create';
import { deleteView } from '../views/delete';
import type { ViewCollection } from '../views/fields';
import { getView } from '../views/get';
import { getManyViews } from '../views/getMany';
import { updateView } from '../views/update';

const publicationViews: ViewCollection = { basePath: '/publications', noun: 'publication', searchListMethod: 'searchPublicationViews' };

export const publicationViewResource = defineResource({
	value: 'publicationView',
	name: 'Publication View',
	description: 'Saved filtered views of publications',
	operations: [
		createView(publicationViews),
		getView(publicationViews),
		getManyViews(publicationViews),
		updateView(publicationViews),
		deleteView(publicationViews),
	],
});
