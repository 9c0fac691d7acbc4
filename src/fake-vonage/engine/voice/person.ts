import type { EndUserStep } from '../end-user-script.js';

/**
 * The person on the line, step by step. `wait` steps delay the next step; a `hang up` happens its
 * waits after the person's last action (or the answer); `press` and `say` are taken by inputs.
 */
export class Person {
  private position = 0;
  readyAt: number;
  constructor(
    private readonly steps: readonly EndUserStep[],
    startAt: number,
  ) {
    this.readyAt = startAt;
  }
  /** The waits at the head and the step after them. */
  peek(): { delay: number; step: EndUserStep | undefined } {
    let delay = 0;
    let index = this.position;
    for (; index < this.steps.length; index += 1) {
      const step = this.steps[index];
      if (step?.kind !== 'wait') return { delay, step };
      delay += step.ms;
    }
    return { delay, step: undefined };
  }
  /** Consumes the waits and the step after them. */
  take(): EndUserStep | undefined {
    const { step } = this.peek();
    while (this.position < this.steps.length && this.steps[this.position]?.kind === 'wait')
      this.position += 1;
    if (step !== undefined) this.position += 1;
    return step;
  }
  /** When the person hangs up, if a hang-up is next. */
  hangUpAt(): number | undefined {
    const { delay, step } = this.peek();
    return step?.kind === 'hang_up' ? this.readyAt + delay : undefined;
  }
}
