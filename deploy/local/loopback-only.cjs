// Preloaded (node -r) into every Node server the e2e suite starts (Agents Playground, MCP reference
// server, conformance suite): they listen on every interface by default. This rebinds wildcard and
// missing hosts to 127.0.0.1 at the last step (Server#_listen2), so listen() keeps its own timing:
// the conformance suite reads server.address() right after listen(0), which a host added to
// listen() itself would break (a host makes listen() wait for a DNS lookup).
'use strict';
const net = require('net');
const wildcard = new Set([null, undefined, '', '::', '0.0.0.0', '::0']);
const original = net.Server.prototype._listen2;
net.Server.prototype._listen2 = function (address, port, addressType, ...rest) {
  if (wildcard.has(address)) {
    return original.call(this, '127.0.0.1', port, 4, ...rest);
  }
  return original.call(this, address, port, addressType, ...rest);
};
