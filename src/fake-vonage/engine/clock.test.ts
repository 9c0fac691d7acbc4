import { describe, expect, it, vi } from 'vitest';
import { createVirtualClock, MAX_WAKE_UPS } from './clock.js';

describe('createVirtualClock', () => {
  it('moves a manual clock only when advanced, waking sleepers due on the way in time order', async () => {
    const clock = createVirtualClock({ mode: 'manual' });
    const woke: string[] = [];
    const sleeper = (name: string, at: number) =>
      clock.spawn(
        name,
        async () => {
          await clock.sleep(at).promise;
          woke.push(`${name}@${clock.now()}`);
        },
        () => {},
      );
    void sleeper('late', 5_000);
    void sleeper('early', 1_000);
    void sleeper('same-time-second', 1_000);
    await clock.advance(999);
    expect(woke).toEqual([]);
    expect(clock.now()).toBe(999);
    await clock.advance(1);
    // Equal times wake in the order they were scheduled.
    expect(woke).toEqual(['early@1000', 'same-time-second@1000']);
    await clock.advance(10_000);
    expect(woke).toEqual(['early@1000', 'same-time-second@1000', 'late@5000']);
    expect(clock.now()).toBe(11_000);
    expect(clock.pending).toBe(0);
  });

  it('waits for a woken conversation to sleep again before the next wake-up (issue 9)', async () => {
    const clock = createVirtualClock({ mode: 'manual' });
    const steps: string[] = [];
    void clock.spawn(
      'call',
      async () => {
        await clock.sleep(100).promise;
        // An app answering a webhook: real asynchronous work inside a step.
        await new Promise((resolve) => setTimeout(resolve, 5));
        steps.push('answered');
        await clock.sleep(200).promise;
        steps.push('next');
      },
      () => {},
    );
    void clock.spawn(
      'other',
      async () => {
        await clock.sleep(150).promise;
        steps.push('other');
      },
      () => {},
    );
    await clock.runUntilIdle();
    expect(steps).toEqual(['answered', 'other', 'next']);
    expect(clock.now()).toBe(200);
  });

  it('runs a 60-second flow at once with a manual clock', async () => {
    const clock = createVirtualClock({ mode: 'manual' });
    let ended = false;
    void clock.spawn(
      'call',
      async () => {
        for (let at = 1_000; at <= 60_000; at += 1_000) await clock.sleep(at).promise;
        ended = true;
      },
      () => {},
    );
    await clock.runUntilIdle();
    expect(ended).toBe(true);
    expect(clock.now()).toBe(60_000);
  });

  it('ends a sleep early on wake(), keeping the time', async () => {
    const clock = createVirtualClock({ mode: 'manual' });
    let reason = '';
    let sleep: ReturnType<typeof clock.sleep> | undefined;
    void clock.spawn(
      'call',
      async () => {
        sleep = clock.sleep(10_000);
        reason = await sleep.promise;
      },
      () => {},
    );
    await clock.advance(2_000);
    sleep?.wake();
    await clock.runUntilIdle();
    expect(reason).toBe('woken');
    expect(clock.now()).toBe(2_000);
  });

  it('stops runUntilIdle with an error naming the cause when a flow never ends', async () => {
    const clock = createVirtualClock({ mode: 'manual' });
    void clock.spawn(
      'loop',
      async () => {
        for (let at = 1; ; at += 1) await clock.sleep(at).promise;
      },
      () => {},
    );
    await expect(clock.runUntilIdle()).rejects.toThrow(`runUntilIdle() stopped after ${MAX_WAKE_UPS} steps`);
    clock.cancelAll();
  });

  it('refuses advance and runUntilIdle on an auto clock, and a bad advance', async () => {
    const auto = createVirtualClock({ mode: 'auto', timeScale: 0 });
    await expect(auto.advance(10)).rejects.toThrow("create the fake with clock: 'manual'");
    await expect(auto.runUntilIdle()).rejects.toThrow("create the fake with clock: 'manual'");
    const manual = createVirtualClock({ mode: 'manual' });
    await expect(manual.advance(-1)).rejects.toThrow('Invalid advance(-1)');
  });

  it('runs an auto clock at timeScale 0 without fake timers getting in the way', async () => {
    vi.useFakeTimers();
    try {
      const clock = createVirtualClock({ mode: 'auto', timeScale: 0 });
      const done = clock.spawn(
        'call',
        async () => {
          await clock.sleep(30_000).promise;
        },
        () => {},
      );
      await done;
      expect(clock.now()).toBe(30_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('wakes every sleeper with cancelAll', async () => {
    const clock = createVirtualClock({ mode: 'auto', timeScale: 1 });
    let reason = '';
    const done = clock.spawn(
      'call',
      async () => {
        reason = await clock.sleep(3_600_000).promise;
      },
      () => {},
    );
    clock.cancelAll();
    await done;
    expect(reason).toBe('woken');
  });

  it('hands a conversation error to onError and keeps counting right', async () => {
    const clock = createVirtualClock({ mode: 'manual' });
    const errors: unknown[] = [];
    void clock.spawn(
      'broken',
      async () => {
        await clock.sleep(10).promise;
        throw new Error('boom');
      },
      (error) => errors.push(error),
    );
    await clock.runUntilIdle();
    expect(errors).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });
});
