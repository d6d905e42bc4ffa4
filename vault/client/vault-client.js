// A client of healthchain-vault's HTTP API, for Node.js (18 and later) and browsers. It has no
// dependencies: the caller brings the signer and the content hash, which it computes anyway
// to put on chain.
//
//   const vault = new VaultClient('http://127.0.0.1:8090', {
//     address: pair.address,                  // the signer's SS58 address
//     sign: (bytes) => pair.sign(bytes),      // sr25519 over the bytes, or a wallet's signRaw
//   });
//   await vault.upload(encrypted, contentHash);              // contentHash: 0x + 64 hex digits
//   const bytes = await vault.fetchPayload(recordId, contentHash);
//
// Every refusal throws a VaultError with the vault's reason (`AccessRevoked`, `StaleRequest`,
// …), the HTTP status, and for `AccessRevoked` the access decision's `denial`.
// docs/vault.md documents the API and the signed text.

/** The first line of every signed text. */
export const DOMAIN = 'healthchain-vault-request-v1';

/** blake2b-256 of no bytes: the body hash of every request without a body. */
export const EMPTY_BODY_HASH = '0x0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8';

/** The header a released payload comes with: `patient`, `consent` or `emergency`. */
export const ROUTE_HEADER = 'x-healthchain-access-route';

export class VaultError extends Error {
  constructor(status, body) {
    super(`${body?.error ?? `HTTP ${status}`}: ${body?.message ?? 'the vault refused the request'}`);
    this.name = 'VaultError';
    this.status = status;
    this.reason = body?.error ?? null;
    this.denial = body?.denial ?? null;
  }
}

/** The text a request's signature covers (see docs/vault.md, "Signed requests"). */
export function signedText({ method, path, query = '', bodyHash = EMPTY_BODY_HASH, timestamp }) {
  return [DOMAIN, method, path, query, bodyHash.toLowerCase(), String(timestamp)].join('\n');
}

function toHex(bytes) {
  return `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const HASH = /^0x[0-9a-fA-F]{64}$/;

export class VaultClient {
  /**
   * @param {string} url the vault's base URL
   * @param {{ address: string, sign: (bytes: Uint8Array) => Uint8Array | string | Promise<Uint8Array | string> }} signer
   *   `sign` returns the sr25519 signature of exactly the bytes it is given; a browser
   *   wallet's `signRaw` wraps them in `<Bytes>…</Bytes>` first, which the vault accepts too.
   * @param {{ now?: () => number, fetch?: typeof fetch }} options
   */
  constructor(url, signer, { now = Date.now, fetch: fetchImpl = globalThis.fetch } = {}) {
    this.url = url.replace(/\/+$/, '');
    this.signer = signer;
    this.now = now;
    // Called as a plain function: a browser's fetch refuses any other `this`.
    this.fetchImpl = (input, init) => fetchImpl(input, init);
  }

  /** The three headers that sign a request. */
  async signedHeaders({ method, path, query = '', bodyHash = EMPTY_BODY_HASH, timestamp = this.now() }) {
    const text = signedText({ method, path, query, bodyHash, timestamp });
    const signature = await this.signer.sign(new TextEncoder().encode(text));
    return {
      'x-healthchain-account': this.signer.address,
      'x-healthchain-timestamp': String(timestamp),
      'x-healthchain-signature': typeof signature === 'string' ? signature : toHex(signature),
    };
  }

  async #request(method, path, { query = '', body, bodyHash, headers = {} } = {}) {
    const signed = await this.signedHeaders({ method, path, query, bodyHash });
    const target = `${this.url}${path}${query ? `?${query}` : ''}`;
    const response = await this.fetchImpl(target, { method, body, headers: { ...headers, ...signed } });
    if (!response.ok) {
      const text = await response.text();
      let json = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = { error: null, message: text };
      }
      throw new VaultError(response.status, json);
    }
    return response;
  }

  /**
   * Stores `bytes` (a Uint8Array of encrypted data) under `contentHash`, their blake2b-256
   * hash. Resolves with the vault's receipt: `{ contentHash, size, stored, referenced, graceUntil }`.
   */
  async upload(bytes, contentHash) {
    if (!HASH.test(contentHash)) throw new TypeError(`not a content hash: ${contentHash}`);
    const response = await this.#request('PUT', `/v1/payloads/${contentHash.toLowerCase()}`, {
      body: bytes,
      bodyHash: contentHash,
      headers: { 'content-type': 'application/octet-stream' },
    });
    return response.json();
  }

  /**
   * The payload of record `recordId`, which carries `contentHash` on chain, as a Uint8Array.
   * Anyone but the patient logs the access on chain first (`records.logAccess`, finalized).
   * Resolves with `{ bytes, route }`; verify the bytes against the hash before decrypting.
   */
  async fetchPayload(recordId, contentHash) {
    if (!HASH.test(contentHash)) throw new TypeError(`not a content hash: ${contentHash}`);
    const response = await this.#request('GET', `/v1/payloads/${contentHash.toLowerCase()}`, {
      query: `record=${recordId}`,
    });
    return { bytes: new Uint8Array(await response.arrayBuffer()), route: response.headers.get(ROUTE_HEADER) };
  }

  /** A page of the signer's release log, newest first: `{ items, next }`. */
  async releases({ cursor, limit } = {}) {
    const params = new URLSearchParams();
    if (cursor !== undefined && cursor !== null) params.set('cursor', String(cursor));
    if (limit !== undefined && limit !== null) params.set('limit', String(limit));
    const response = await this.#request('GET', '/v1/releases', { query: params.toString() });
    return response.json();
  }

  /** `/healthz`: `{ status, finalized, chainTime, chain, store }`, whatever the status code. */
  async health() {
    const response = await this.fetchImpl(`${this.url}/healthz`);
    return { ok: response.ok, ...(await response.json()) };
  }
}
