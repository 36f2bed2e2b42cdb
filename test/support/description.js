// Lookups in a node description, shared by the tests and the README's operations table: the resources, a
// resource's Operation selector and its operations, and the fields an operation shows.

/** @typedef {import('n8n-workflow').INodeProperties} INodeProperties */
/** @typedef {import('n8n-workflow').INodePropertyOptions} INodePropertyOptions */

/** @param {INodeProperties | undefined} property @returns {INodePropertyOptions[]} */
function optionsOf(property) {
	return Array.isArray(property?.options) ? property.options : [];
}

/** The options of the Resource selector. @param {INodeProperties[]} properties @returns {INodePropertyOptions[]} */
function resourcesOf(properties) {
	return optionsOf(properties.find((property) => property.name === 'resource'));
}

/** The Operation selector shown for `resource`. @param {INodeProperties[]} properties @param {string} resource */
function operationSelector(properties, resource) {
	return properties.find(
		(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);
}

/** The operations of `resource`. @param {INodeProperties[]} properties @param {string} resource @returns {INodePropertyOptions[]} */
function operationsOf(properties, resource) {
	return optionsOf(operationSelector(properties, resource));
}

/**
 * Every operation of the node with its resource's value, resource by resource.
 * @param {INodeProperties[]} properties @returns {Array<readonly [string, INodePropertyOptions]>}
 */
function everyOperation(properties) {
	return resourcesOf(properties).flatMap((resource) =>
		operationsOf(properties, String(resource.value)).map((operation) => /** @type {const} */ ([String(resource.value), operation])),
	);
}

/** The fields shown for one operation. @param {INodeProperties[]} properties @param {string} resource @param {string} operation */
function fieldsOf(properties, resource, operation) {
	return properties.filter(
		(property) =>
			property.displayOptions?.show?.resource?.includes(resource) &&
			property.displayOptions?.show?.operation?.includes(operation),
	);
}

module.exports = { resourcesOf, operationSelector, operationsOf, everyOperation, fieldsOf };
