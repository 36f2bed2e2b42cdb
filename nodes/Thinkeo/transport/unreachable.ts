/**
 * A request that got no answer at all (the node's, the token exchange's, the credential test's), told as the host,
 * the likely cause and what to check. The text names no error code such as ENOTFOUND: n8n's NodeApiError, which wraps
 * the credential's error, replaces any message naming one with its own generic sentence, which names neither the host
 * nor the Base URL.
 */

/** The likely cause of a failed connection, one per error. */
export type ConnectionCause = 'dns' | 'refused' | 'reset' | 'timeout' | 'unreachable' | 'tls' | 'other';

const CAUSE_OF_CODE = new Map<string, ConnectionCause>(Object.entries({
	ENOTFOUND: 'dns',
	EAI_AGAIN: 'dns',
	EAI_NONAME: 'dns',
	EAI_NODATA: 'dns',
	EAI_FAIL: 'dns',
	ECONNREFUSED: 'refused',
	ECONNRESET: 'reset',
	EPIPE: 'reset',
	ETIMEDOUT: 'timeout',
	ECONNABORTED: 'timeout',
	ESOCKETTIMEDOUT: 'timeout',
	ERR_SOCKET_CONNECTION_TIMEOUT: 'timeout',
	UND_ERR_CONNECT_TIMEOUT: 'timeout',
	EHOSTUNREACH: 'unreachable',
	ENETUNREACH: 'unreachable',
	EHOSTDOWN: 'unreachable',
	ENETDOWN: 'unreachable',
	EPROTO: 'tls',
}) as Array<[string, ConnectionCause]>);

/** OpenSSL's and Node's TLS error codes: certificate checks and handshakes. */
const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/** Errors without a code still say what happened in their message. */
const CAUSE_OF_MESSAGE: Array<[RegExp, ConnectionCause]> = [
	[/getaddrinfo|ENOTFOUND|EAI_AGAIN/i, 'dns'],
	[/ECONNREFUSED/i, 'refused'],
	[/socket hang up|ECONNRESET/i, 'reset'],
	[/timeout|timed out/i, 'timeout'],
	[/certificate|\bSSL\b|\bTLS\b/i, 'tls'],
];

function tlsDetail(code: string): string {
	if (code === 'CERT_HAS_EXPIRED') return 'its certificate has expired';
	if (code === 'CERT_NOT_YET_VALID') return "its certificate is not valid yet (or this machine's clock is wrong)";
	if (code.includes('SELF_SIGNED')) return 'its certificate is self-signed';
	if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') return 'its certificate is for another host name';
	if (code.startsWith('UNABLE_TO_') || code === 'CERT_UNTRUSTED') return 'its certificate is not signed by an authority n8n trusts';
	if (code.startsWith('CERT_')) return 'its certificate was refused';
	return 'the TLS handshake failed (e.g. an https:// Base URL for a port that speaks plain http)';
}

/**
 * The codes of an error and of its causes (axios keeps the socket's error as `cause`; a dual-stack connect, several).
 * n8n 1.x's NodeApiError keeps no cause, only the code, as its `httpCode`.
 */
function codesOf(error: unknown): string[] {
	const codes: string[] = [];
	let current = error;
	for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
		const { code, httpCode, errors, cause } = current as { code?: unknown; httpCode?: unknown; errors?: unknown; cause?: unknown };
		for (const each of [code, httpCode]) if (typeof each === 'string') codes.push(each.toUpperCase());
		if (Array.isArray(errors)) codes.push(...errors.flatMap((inner) => codesOf(inner)));
		current = cause;
	}
	return codes;
}

function messageOf(error: unknown): string {
	const message = error !== null && typeof error === 'object' ? (error as { message?: unknown }).message : error;
	return typeof message === 'string' ? message : '';
}

/** The failed connection an error's code (or its causes' codes) names, or undefined when none does. */
function connectionCode(error: unknown): { cause: ConnectionCause; code: string } | undefined {
	for (const code of codesOf(error)) {
		const cause = CAUSE_OF_CODE.get(code);
		if (cause) return { cause, code };
		if (TLS_CODE.test(code)) return { cause: 'tls', code };
	}
	return undefined;
}

/** Whether `error` is a connection that failed (its code says so), rather than an answer or an error of the node's own. */
export function isConnectionFailure(error: unknown): boolean {
	return connectionCode(error) !== undefined;
}

function classify(error: unknown): { cause: ConnectionCause; code?: string } {
	const byCode = connectionCode(error);
	if (byCode) return byCode;
	const message = messageOf(error);
	const byMessage = CAUSE_OF_MESSAGE.find(([pattern]) => pattern.test(message));
	return { cause: byMessage?.[1] ?? 'other' };
}

/** The host of the Base URL (with its port, if any), or the Base URL itself if it is no URL. */
function hostOf(baseUrl: string): { host: string; hostname: string } {
	if (!URL.canParse(baseUrl)) return { host: baseUrl, hostname: baseUrl };
	const { host, hostname } = new URL(baseUrl);
	return { host, hostname };
}

/**
 * Why `where` (e.g. "GET /teams") got no answer from `baseUrl`, for the user: the host, one likely cause and what to
 * check. `error` may be anything a request helper throws.
 */
export function describeUnreachable(
	error: unknown,
	givenBaseUrl: string,
	where: string,
): { cause: ConnectionCause; code?: string; message: string } {
	const { cause, code } = classify(error);
	const { host, hostname } = hostOf(givenBaseUrl);
	const baseUrl = withoutUserinfo(givenBaseUrl);
	const reasons: Record<ConnectionCause, () => string> = {
		dns: () =>
			`the host name ${hostname} could not be resolved (DNS lookup failed). Check the Base URL (${baseUrl}) for a typo, and that this n8n can resolve that name (its DNS server, or the proxy it must use).`,
		refused: () =>
			`the connection was refused, nothing accepts connections on that port. Check the host and port of the Base URL (${baseUrl}) and that the API runs there, or the proxy between n8n and it.`,
		reset: () =>
			`the connection was closed before Thinkeo answered (connection reset). Check the Base URL (${baseUrl}), e.g. https:// for a host that only speaks https, and any proxy or firewall between n8n and ${host}.`,
		timeout: () =>
			`the connection timed out, ${host} did not answer. Check that this n8n can reach ${host} (network, firewall, proxy) and that the Base URL (${baseUrl}) is right.`,
		unreachable: () =>
			`there is no network route to ${host} (host or network unreachable). Check the network connection and proxy of this n8n, and the Base URL (${baseUrl}).`,
		tls: () =>
			`the secure (TLS) connection failed: ${tlsDetail(code ?? '')}${code ? ` (${code})` : ''}. Check that the Base URL (${baseUrl}) uses the API's own https:// host name; if a proxy or a private authority signs its certificate, make n8n trust that authority (NODE_EXTRA_CA_CERTS).`,
		other: () =>
			`${messageOf(error) || 'no answer came'}. Check the Base URL (${baseUrl}) and the network connection and proxy of this n8n.`,
	};
	return { cause, code, message: `Could not reach Thinkeo at ${host} (${where}): ${reasons[cause]()}` };
}

/** The Base URL as a message may show it: a `user:password@` in it is left out. */
function withoutUserinfo(baseUrl: string): string {
	if (!URL.canParse(baseUrl)) return baseUrl;
	const url = new URL(baseUrl);
	if (!url.username && !url.password) return baseUrl;
	url.username = '';
	url.password = '';
	return url.toString();
}
