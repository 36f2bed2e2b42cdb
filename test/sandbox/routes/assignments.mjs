// Assignments: attribute values set on a block. They live in the block's `assignments` ({id, attributeId, value},
// the BlockAssignment schema), so GET /blocks/{id} shows them; blocks.mjs keeps an index from assignment id to
// block. Answers carry `blockId` besides the schema's fields.
import { randomUUID } from 'node:crypto';

import { ApiError, jsonReply, readJsonObject } from '../http-utils.mjs';
import { findInTeam } from '../records.mjs';
import { isUuid } from '../validation.mjs';
import { assignmentIndex, checkAttributeId, checkValue, findBlock, setAssignments } from './blocks.mjs';

const describe = (block, assignment) => ({ ...assignment, blockId: block.id });

function checkKeys(payload, allowed) {
	const unknown = Object.keys(payload).filter((key) => !allowed.includes(key));
	if (unknown.length > 0) {
		throw new ApiError(400, `Unknown assignment property "${unknown[0]}"; properties are ${allowed.join(', ')}`);
	}
}

/** The assignment and its block, or a 404. */
function findAssignment(store, params, principal) {
	const entry = findInTeam(assignmentIndex(store), params.assignment_id, principal, 'assignment');
	const block = findBlock(store, entry.blockId, principal);
	const assignment = block.assignments.find((candidate) => candidate.id === entry.id);
	if (!assignment) throw new ApiError(404, `No assignment with id ${params.assignment_id} in this team`);
	return { block, assignment };
}

/** POST /assignments with {blockId, attributeId, value}: adds the value to the block; returns the assignment. */
async function createAssignment({ req, store, body, principal }) {
	const payload = await readJsonObject(body, { contentType: req.headers['content-type'] });
	checkKeys(payload, ['blockId', 'attributeId', 'value']);
	if (!isUuid(payload.blockId)) {
		throw new ApiError(400, `"blockId" is required and must be a block UUID, got ${JSON.stringify(payload.blockId)}`);
	}
	const block = store.collection('blocks').get(payload.blockId.toLowerCase());
	if (!block || block.teamId !== principal.teamId) {
		throw new ApiError(400, `"blockId": no block with id ${payload.blockId} in this team`);
	}
	const attributeId = checkAttributeId(store, payload.attributeId, principal);
	const value = checkValue(payload.value);
	const assignment = { id: randomUUID(), attributeId, value };
	setAssignments(store, block, [...block.assignments, assignment]);
	block.updatedAt = new Date().toISOString();
	return jsonReply(describe(block, assignment));
}

/**
 * PUT /assignments/{id} with the BlockAssignment {id?, attributeId?, value}: changes the value (and the attribute
 * when given). The `id`, and a `blockId` if sent, must be the assignment's own.
 */
async function updateAssignment({ req, store, params, body, principal }) {
	const { block, assignment } = findAssignment(store, params, principal);
	const payload = await readJsonObject(body, { contentType: req.headers['content-type'] });
	checkKeys(payload, ['id', 'blockId', 'attributeId', 'value']);
	if (payload.id !== undefined && String(payload.id).toLowerCase() !== assignment.id) {
		throw new ApiError(400, `"id" (${JSON.stringify(payload.id)}) does not match the assignment in the path (${assignment.id})`);
	}
	if (payload.blockId !== undefined && String(payload.blockId).toLowerCase() !== block.id) {
		throw new ApiError(400, `"blockId" cannot change: assignment ${assignment.id} belongs to block ${block.id}`);
	}
	if (payload.attributeId !== undefined) assignment.attributeId = checkAttributeId(store, payload.attributeId, principal);
	assignment.value = checkValue(payload.value);
	block.updatedAt = new Date().toISOString();
	return jsonReply(describe(block, assignment));
}

function deleteAssignment({ store, params, principal }) {
	const { block, assignment } = findAssignment(store, params, principal);
	setAssignments(
		store,
		block,
		block.assignments.filter((candidate) => candidate.id !== assignment.id),
	);
	block.updatedAt = new Date().toISOString();
	return jsonReply(describe(block, assignment));
}

export const routes = [
	{ method: 'POST', path: '/assignments', auth: 'bearer', handler: createAssignment },
	{ method: 'PUT', path: '/assignments/:assignment_id', auth: 'bearer', handler: updateAssignment },
	{ method: 'DELETE', path: '/assignments/:assignment_id', auth: 'bearer', handler: deleteAssignment },
];
