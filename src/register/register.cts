// The `require` condition of `vonage-webhook-simulator/register` (`node --require ...`): loads the ESM
// preload synchronously with require(esm), which Node 20.19+ and 22.12+ have on by default
// (decision 094). Where Node cannot, it says so in one line instead of a stack.
try {
  require('./register.js');
} catch (error) {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'ERR_REQUIRE_ESM' && code !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
  process.stderr.write(
    `vonage-webhook-simulator/register: this Node (${process.version}) cannot load it with --require; use node --import vonage-webhook-simulator/register, or Node 20.19+/22.12+.\n`,
  );
  process.exit(2);
}
