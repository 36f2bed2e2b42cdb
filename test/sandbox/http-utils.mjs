// Request body reading, JSON and file replies and errors shared by the API routes and the admin controls.
import { createHash } from 'node:crypto';

const TEXT_PREVIEW_BYTES = 2048;
const JSON_BODY_LIMIT = 16 * 1024 * 1024;

/** An error that becomes `{"error": {"status", "message"}}` with that HTTP status. */
export class ApiError extends Error {
	constructor(status, message, headers = {}) {
		super(message);
		this.status = status;
		this.headers = headers;
	}
}

/** A reply is a plain `{status, headers, body: Buffer}`, sent after logging and latency. */
export function jsonReply(data, status = 200, headers = {}) {
	return {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
		body: Buffer.from(JSON.stringify(data)),
	};
}

/** A file: its bytes with their MIME type, and its name in Content-Disposition (plain and RFC 6266 UTF-8 forms). */
export function fileReply(bytes, mimeType, filename) {
	return {
		status: 200,
		headers: { 'content-type': mimeType, 'content-disposition': contentDisposition(filename) },
		body: bytes,
	};
}

function contentDisposition(filename) {
	const asciiFallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
	const encoded = encodeURIComponent(filename).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
	return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * The `filename` header of a raw upload. Header values arrive as latin1; a client sending raw UTF-8 bytes gets its
 * name back intact.
 */
export function decodeFilename(raw) {
	if (raw === undefined) return '';
	const bytes = Buffer.from(raw, 'latin1');
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).trim();
	} catch {
		return raw.trim();
	}
}

/** Raw-body uploads take the bytes themselves: a multipart body is refused with 415 and `message`. */
export function rejectMultipart(req, message) {
	if (/^multipart\//i.test(req.headers['content-type'] ?? '')) throw new ApiError(415, message);
}

export function errorReply(status, message, headers = {}) {
	return jsonReply({ error: { status, message } }, status, headers);
}

export function toErrorReply(err) {
	if (err instanceof ApiError) return errorReply(err.status, err.message, err.headers);
	process.stderr.write(`thinkeo sandbox: unexpected error: ${err?.stack ?? err}\n`);
	return errorReply(500, `Internal sandbox error: ${err?.message ?? err}`);
}

export function sendReply(res, reply) {
	if (res.headersSent || res.destroyed) return;
	res.writeHead(reply.status, { ...reply.headers, 'content-length': reply.body.length });
	res.end(reply.body);
}

/**
 * A reply whose body is `reply.streamBytes` bytes of "x", written as the client reads them, with no Content-Length
 * unless `reply.headers` gives one (a download far larger than announced, or one that never seems to end).
 * `entry` (the request's log entry) counts `bytesSent` as it goes, and `clientClosed` turns true when the client
 * hangs up before the end.
 */
export function sendStreamedReply(res, reply, entry) {
	if (res.headersSent || res.destroyed) return;
	entry.bytesSent = 0;
	entry.clientClosed = false;
	res.writeHead(reply.status, reply.headers);
	const chunk = Buffer.alloc(64 * 1024, 0x78);
	res.on('close', () => (entry.clientClosed = !res.writableFinished));
	const write = () => {
		while (!res.destroyed) {
			const left = reply.streamBytes - entry.bytesSent;
			if (left <= 0) return res.end();
			const piece = left < chunk.length ? chunk.subarray(0, left) : chunk;
			entry.bytesSent += piece.length;
			if (!res.write(piece)) return res.once('drain', write);
		}
	};
	write();
}

/** Query parameters as an object; a repeated key becomes an array of its values. */
export function queryObject(params) {
	const result = {};
	for (const key of new Set(params.keys())) {
		const values = params.getAll(key);
		result[key] = values.length === 1 ? values[0] : values;
	}
	return result;
}

export function isJsonType(contentType) {
	const type = String(contentType ?? '').split(';')[0].trim().toLowerCase();
	return type === 'application/json' || type.endsWith('+json');
}

function isTextType(contentType) {
	const type = contentType.split(';')[0].trim().toLowerCase();
	return (
		type.startsWith('text/') ||
		isJsonType(type) ||
		type.endsWith('/xml') ||
		type.endsWith('+xml') ||
		type === 'application/x-www-form-urlencoded'
	);
}

/**
 * The body of one request, read once: by a handler (`read`, bounded) and, for whatever is left,
 * by the server (`drain`) before it answers, so the request log sees the whole body and the
 * keep-alive connection stays usable. Bytes past a handler's limit are counted and hashed, never buffered.
 */
export class RequestBody {
	bytes = 0;
	#req;
	#hash = createHash('sha1');
	#sha1Hex = null;
	#head = [];
	#headBytes = 0;
	#chunks = null;
	#limit = Infinity;
	#overflow = false;
	#done = null;

	constructor(req) {
		this.#req = req;
	}

	/** The whole body as a Buffer; 413 once it grows past `limit` bytes. */
	async read(limit) {
		this.#chunks = [];
		this.#limit = limit;
		// A declared oversized body is refused without buffering any of it.
		if (Number(this.#req.headers['content-length']) > limit) this.#overflow = true;
		await this.#consume();
		if (this.#overflow) {
			throw new ApiError(413, `Request body is larger than the ${limit}-byte limit`);
		}
		return Buffer.concat(this.#chunks);
	}

	drain() {
		return this.#consume();
	}

	/** Log fields: size, SHA-1 (hex) and, for text/JSON bodies, the first 2 KB as text. */
	summary(contentType) {
		this.#sha1Hex ??= this.#hash.digest('hex');
		return {
			bodyBytes: this.bytes,
			bodySha1: this.#sha1Hex,
			bodyText: this.#textPreview(contentType),
		};
	}

	#textPreview(contentType) {
		if (this.bytes === 0) return null;
		if (contentType && !isTextType(contentType)) return null;
		const head = Buffer.concat(this.#head);
		// Without a Content-Type, call it text only when it decodes as UTF-8.
		const decoder = new TextDecoder('utf-8', { fatal: !contentType });
		try {
			// stream: true leaves out a multi-byte character cut at the 2 KB boundary.
			return decoder.decode(head, { stream: this.bytes > head.length });
		} catch {
			return null;
		}
	}

	#consume() {
		this.#done ??= new Promise((resolve, reject) => {
			const req = this.#req;
			const aborted = () =>
				reject(new ApiError(400, 'The client closed the connection mid-request'));
			req.on('data', (chunk) => this.#take(chunk));
			req.on('end', resolve);
			req.on('error', aborted);
			req.on('close', () => {
				if (!req.complete) aborted();
			});
		});
		return this.#done;
	}

	#take(chunk) {
		this.bytes += chunk.length;
		this.#hash.update(chunk);
		if (this.#headBytes < TEXT_PREVIEW_BYTES) {
			const part = chunk.subarray(0, TEXT_PREVIEW_BYTES - this.#headBytes);
			this.#head.push(part);
			this.#headBytes += part.length;
		}
		if (!this.#chunks || this.#overflow) return;
		if (this.bytes > this.#limit) {
			this.#overflow = true;
			this.#chunks = [];
		} else {
			this.#chunks.push(chunk);
		}
	}
}

export function isPlainObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The body parsed as a JSON object. `contentType` (when given) must be JSON; the syntax is checked
 * first so a non-JSON body is always a 400. `limit` caps the size (413 above it); with `optional`, an empty body
 * reads as `{}` instead of a 400.
 */
export async function readJsonObject(body, { contentType, limit = JSON_BODY_LIMIT, optional = false } = {}) {
	const raw = await body.read(limit);
	if (raw.length === 0) {
		if (optional) return {};
		throw new ApiError(400, 'Request body is empty; expected a JSON object');
	}
	let data;
	try {
		data = JSON.parse(raw.toString('utf8'));
	} catch (err) {
		throw new ApiError(400, `Request body is not valid JSON: ${err.message}`);
	}
	if (contentType && !isJsonType(contentType)) {
		throw new ApiError(415, `Content-Type must be application/json, got "${contentType}"`);
	}
	if (!isPlainObject(data)) throw new ApiError(400, 'Request body must be a JSON object');
	return data;
}
