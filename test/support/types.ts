/** What the tests read from the sandbox: its request log (GET /_sandbox/requests) and its seed (GET /_sandbox/seed). */

export type Json = Record<string, unknown>;

/** One API request as the sandbox logged it. */
export interface LoggedRequest {
	/** Position in the log, from 1. */
	seq: number;
	method: string;
	/** The path exactly as the client sent it: version prefix, dot segments and percent-encoding included. */
	rawPath: string;
	/** The path without its version prefix. */
	path: string;
	query: Record<string, string>;
	/** How the request authenticated: Basic (with the user) or Bearer (with the ID of the token), or not at all. */
	auth: { scheme: string | null; user?: string | null; tokenId?: string | null };
	authorization: string | null;
	headers: Record<string, string | null>;
	bodyBytes: number;
	/** SHA-1 of the body, in hex. */
	bodySha1: string;
	/** The first 2 KB of a text or JSON body; null for none or for binary bodies. */
	bodyText: string | null;
	status: number;
	/** When the sandbox received it (ISO 8601). */
	startedAt: string;
	/** From the request's arrival to its answer, in ms (a slow endpoint's delay included). */
	durationMs: number;
	/** A `streamBytes` fault's reply: the bytes written so far, and whether the client hung up before the end. */
	bytesSent?: number;
	clientClosed?: boolean;
}

export interface SeedAccount {
	email: string;
	password: string;
	teamIds: string[];
}

export interface SeedApp {
	id: string;
	name: string;
	teamId: string;
	attributes: Record<string, { id: string; name: string; kind: string }>;
}

export interface Seed {
	accounts: SeedAccount[];
	teams: Array<{ id: string; name: string }>;
	apps: SeedApp[];
	/** The IDs of every record of each collection (blocks, users, attributes…), in creation order. */
	collections: Record<string, string[]>;
}
