// Tests of hostile input: has anything reached Object.prototype or Array.prototype (issue 11)?

const objectKeys = Object.getOwnPropertyNames(Object.prototype).sort().join();
const arrayKeys = Object.getOwnPropertyNames(Array.prototype).sort().join();
/** Names hostile inputs in these tests try to plant (`__proto__.polluted`, `constructor.prototype.x`...). */
const probeNames = ['polluted', 'x', 'json', 'api_key', 'to', 'text'];

/** True when both prototypes have the own names they had when this module loaded, and no probe name resolves. */
export function prototypeUntouched(): boolean {
  const object = {} as Record<string, unknown>;
  const array = [] as unknown as Record<string, unknown>;
  return (
    Object.getOwnPropertyNames(Object.prototype).sort().join() === objectKeys &&
    Object.getOwnPropertyNames(Array.prototype).sort().join() === arrayKeys &&
    probeNames.every((name) => object[name] === undefined && array[name] === undefined)
  );
}
