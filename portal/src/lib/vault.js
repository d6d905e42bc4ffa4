// The vault, from the browser: its JavaScript client (vault/client/vault-client.js), signing
// with the chosen account, and uploads with progress.

import { VaultClient } from '../../../vault/client/vault-client.js';

export { VaultError } from '../../../vault/client/vault-client.js';

/**
 * A fetch that reports upload progress, `onProgress(sent, total)`: fetch itself cannot, so
 * uploads go through XMLHttpRequest.
 */
function fetchWithProgress(onProgress) {
  return (url, { method = 'GET', headers = {}, body } = {}) =>
    new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open(method, url);
      request.responseType = 'arraybuffer';
      for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
      request.upload.onprogress = (event) => onProgress(event.loaded, event.total);
      request.onload = () => {
        const responseHeaders = new Headers();
        for (const line of request.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
          const at = line.indexOf(':');
          if (at > 0) responseHeaders.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
        }
        resolve(new Response(request.response, { status: request.status, headers: responseHeaders }));
      };
      request.onerror = () => reject(new Error('the vault cannot be reached'));
      request.send(body);
    });
}

/** A vault client for `account`, on the portal's own origin unless `url` says otherwise. */
export function vaultFor(account, { url = globalThis.location.origin, onProgress } = {}) {
  const signer = { address: account.address, sign: (bytes) => account.signBytes(bytes) };
  return new VaultClient(url, signer, onProgress ? { fetch: fetchWithProgress(onProgress) } : {});
}
