import { VwsError } from '../../errors.js';
import {
  type EndUserRole,
  type EndUserScript,
  type EndUserStep,
  parseEndUserScript,
} from '../engine/end-user-script.js';
import type { FakeVonageOptions } from '../types.js';

function invalid(message: string): VwsError {
  return new VwsError('VWS_ERR_INVALID_OPTION', message);
}

/** Checks the `endUsers` option: each number's script must read as a caller, callee, chat or verify script. */
export function toEndUsers(endUsers: FakeVonageOptions['endUsers']): Map<string, EndUserScript> {
  const map = new Map<string, EndUserScript>();
  for (const [number, script] of Object.entries(endUsers ?? {})) {
    if (!/^\+?[1-9]\d{6,14}$/.test(number)) {
      throw invalid(
        `endUsers key "${number}": use the person's phone number in E.164 format, such as "447700900002" ("+" optional).`,
      );
    }
    const roles: EndUserRole[] = ['callee', 'caller', 'chat', 'verify'];
    const errors: string[] = [];
    for (const role of roles) {
      try {
        parseEndUserScript(script, role);
        errors.length = 0;
        break;
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
    if (errors.length > 0) throw invalid(`endUsers["${number}"]: ${errors[0]}`);
    map.set(number.replace(/^\+/, ''), script);
  }
  return map;
}

/** The person a number's calls and messages meet (`endUsers`), in the role asked. */
export function scriptOf(
  endUsers: ReadonlyMap<string, EndUserScript>,
  number: string | undefined,
  role: EndUserRole,
): readonly EndUserStep[] | undefined {
  if (number === undefined) return undefined;
  const script = endUsers.get(number.replace(/^\+/, ''));
  if (script === undefined) return undefined;
  try {
    return parseEndUserScript(script, role);
  } catch {
    // A script for another role (a chat user's `read` for a number a call rings): not this person's.
    return undefined;
  }
}
