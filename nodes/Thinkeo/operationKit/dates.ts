/** A date as n8n gives it (ISO text, a Luxon DateTime from an expression, a JS Date or epoch ms), or undefined. */
export function parseDate(value: unknown): Date | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
	if (typeof value === 'number') return parseDate(new Date(value));
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		let iso: string | null;
		try {
			iso = (value as { toISO: () => string | null }).toISO();
		} catch {
			// An object that only looks like a DateTime, whose toISO throws, gives no date.
			return undefined;
		}
		return parseDate(iso ?? '');
	}
	if (typeof value !== 'string') return undefined;
	const date = new Date(value.trim());
	return Number.isNaN(date.getTime()) ? undefined : date;
}
