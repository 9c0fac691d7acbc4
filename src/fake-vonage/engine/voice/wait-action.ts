import { num } from './action-fields.js';
import { NEXT, type Payload, type Step, type VoiceCall } from './call-state.js';
import { afterInterrupt, waitUntil } from './call-wait.js';

/** The NCCO `wait` action: `timeout` seconds (default 10, clamped to 0.1–7200). */
export async function runWait(call: VoiceCall, action: Payload): Promise<Step> {
  const seconds = num(action.timeout, 10, 0.1, 7200);
  const interrupt = await waitUntil(call, call.host.now() + seconds * 1000);
  return interrupt === null ? NEXT : afterInterrupt(call, interrupt);
}
