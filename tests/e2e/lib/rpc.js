// The JSON-RPC definitions users get (docs/examples/healthchain-rpc.js): the tests use the
// very file the docs give out, so it cannot drift from the node.
export { healthchainRpc } from '../../../docs/examples/healthchain-rpc.js';
