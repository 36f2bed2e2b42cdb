// Parameter checks shared by the routes. Each returns the parsed value or throws a 400 ApiError.
import { ApiError } from './http-utils.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RFC3339 =
	/^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

export function isUuid(value) {
	return typeof value === 'string' && UUID.test(value);
}

/** A UUID query parameter, lower-cased for lookups. */
export function uuidParam(name, value) {
	if (!isUuid(value)) {
		throw new ApiError(400, `Query parameter "${name}" must be a UUID, got "${value}"`);
	}
	return value.toLowerCase();
}

function isValidDateTime(match) {
	const [, year, month, day, hour, minute, second, , , offsetHours, offsetMinutes] = Array.from(
		match,
		(part) => (part === undefined ? 0 : Number(part)),
	);
	// Date.UTC rolls 2030-02-30 over to March, so a changed day means the date does not exist.
	const dayExists = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
	return (
		month >= 1 &&
		month <= 12 &&
		dayExists &&
		hour <= 23 &&
		minute <= 59 &&
		second <= 59 &&
		offsetHours <= 23 &&
		offsetMinutes <= 59
	);
}

/** An RFC 3339 date-time query parameter, returned as a Date. */
export function dateTimeParam(name, value) {
	const match = RFC3339.exec(value);
	if (!match || !isValidDateTime(match)) {
		throw new ApiError(
			400,
			`Query parameter "${name}" must be an RFC 3339 date-time such as 2030-01-01T00:00:00Z, got "${value}"` +
				' (a "+" in a UTC offset must be percent-encoded as %2B)',
		);
	}
	return new Date(value.toUpperCase());
}

export function booleanParam(name, value) {
	if (value === 'true') return true;
	if (value === 'false') return false;
	throw new ApiError(400, `Query parameter "${name}" must be true or false, got "${value}"`);
}
