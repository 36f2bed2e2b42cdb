import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../../operationKit/locators';

/**
 * Saved filtered views exist for attributes, blocks and publications with the same five endpoints
 * (list, create, get, update, delete under `<collection>/views`), so each operation is written once, in this folder,
 * for any of the three collections; resources/attributeView/, blockView/ and publicationView/ list them.
 * INFERRED: methods and the `{name, filter}` body follow the reference's View schema.
 */
export interface ViewCollection {
	/** e.g. `/attributes` */
	basePath: string;
	/** e.g. `attribute`, used in texts */
	noun: string;
	searchListMethod: string;
}

/** `<collection>/views`, where views are listed and created. */
export const viewsPath = (views: ViewCollection) => `${views.basePath}/views`;

/** `<collection>/views/{viewId}`, one view. */
export const viewPath = (views: ViewCollection) => `${viewsPath(views)}/{viewId}`;

/** "a publication view", "an attribute view". */
export const aView = (views: ViewCollection) => `${/^[aeiou]/.test(views.noun) ? 'an' : 'a'} ${views.noun} view`;

export const viewLocator = (views: ViewCollection): INodeProperties =>
	idLocator({
		name: 'viewId',
		label: 'View',
		searchListMethod: views.searchListMethod,
		description: `The saved ${views.noun} view`,
	});

export const filterField = (views: ViewCollection): INodeProperties => ({
	displayName: 'Filter (JSON)',
	name: 'filter',
	type: 'json',
	default: '{}',
	description: `Filter of the view as Thinkeo stores it, a JSON object over ${views.noun} fields`,
});
