import { outputFilesFields } from '../../generation/output/generatedFiles';
import { documentFileOptions, documentOutputField, shapeDocumentOutput } from '../../generation/output/documentOutput';
import { additionalFields, optionsCollection } from '../../operationKit/fields';
import { idLocator } from '../../operationKit/locators';
import { defineOperation } from '../../operationKit/builder';
import { allowLongGeneration } from '../../generation/timeout';
import { sendAttributes } from '../../generation/input/attributeInput';
import { attributeInputByIdFields, generationOptions } from '../../generation/input/attributeInputFields';
import { blockLocator } from './fields';

export const renderBlock = defineOperation({
	value: 'render',
	name: 'Render',
	action: 'Render a block',
	description:
		'Run a block and the blocks under it with attribute values (by attribute ID), like generating a publication from that block. Returns the publication ID, the document HTML and its blocks in order, and with Output Files the generated files as binary fields (POST /blocks/{blockId}/render).',
	routing: {
		// INFERRED: the reference shows the body of POST /publications and a `stream` switch; the node always asks
		// for the non-streamed RenderOutput (stream=false), the DTO that POST /publications also returns.
		request: { method: 'POST', url: '/blocks/{blockId}/render', qs: { stream: false } },
		send: { preSend: [sendAttributes, allowLongGeneration] },
		output: { postReceive: [shapeDocumentOutput('additionalFields.app')] },
	},
	fields: [
		blockLocator('The block to render'),
		...attributeInputByIdFields,
		additionalFields([
			{
				...idLocator({
					name: 'app',
					label: 'App',
					searchListMethod: 'searchApps',
					description: 'App whose settings the block runs with; the result is then kept as a publication of that App',
					required: false,
				}),
				// INFERRED: `app` and `version` are query parameters, as on POST /publications.
				routing: { send: { type: 'query', property: 'app' } },
			},
			{
				displayName: 'Version',
				name: 'version',
				type: 'string',
				default: 'latest',
				description: 'Version of the App: latest, preview or a version number. Only used with App.',
				routing: { send: { type: 'query', property: 'version' } },
			},
		]),
		documentOutputField,
		...outputFilesFields,
		optionsCollection([...generationOptions, ...documentFileOptions]),
	],
});
