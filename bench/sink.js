// The webhook sink of the benchmarks: a plain node:http server on 127.0.0.1 that reads each body and
// answers 204, run in its own process so that the load generator being measured has a core to itself.
// Prints its port to the parent over IPC, answers "stats" with its request count and CPU time, and
// exits when the parent disconnects.
import { createServer } from 'node:http';

let requests = 0;
const server = createServer((request, response) => {
  request.on('data', () => {});
  request.on('end', () => {
    requests += 1;
    response.writeHead(204);
    response.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: server.address().port });
});
process.on('message', (message) => {
  if (message === 'stats') process.send?.({ requests, cpu: process.cpuUsage() });
});
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close();
});
